// Throws in the rounds: every call there is a policy error.
export default function decide(view) {
  if (view.public.phase === "round") throw new Error("this policy always throws");
  return null;
}

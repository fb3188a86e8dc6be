// Signs during the rounds, which the engine refuses: every call is a policy error.
export default function decide(view) {
  return view.public.phase === "round" ? { type: "sign", sign: true } : null;
}

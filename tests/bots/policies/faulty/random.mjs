// Any listed move at random (from the seat's generator), or nothing more one time in four: a fuzzer for the lab.
export default function decide(view, moves, rng) {
  if (moves.length === 0 || rng() < 0.25) return null;
  return moves[Math.floor(rng() * moves.length)].action;
}

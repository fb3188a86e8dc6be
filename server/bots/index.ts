/**
 * The bots the room plays empty seats with: shared/bots (one character per delegation).
 * `./fallback.ts` keeps a minimal legal-moves bot should the characters ever need to be
 * switched off; swapping is this one line.
 */
export { botMove } from "../../shared/bots/index.ts";

/**
 * The one line to change when shared/bots lands:
 *   export { botMove } from "../../shared/bots/index.ts";
 */
export { botMove } from "./fallback.ts";

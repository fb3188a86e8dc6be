/** The stock Belarus bot as a policy: the lab's control (same games as without a policy). */
import type { Policy } from "../../../shared/bots/lab.ts";
import { botMove } from "../../../shared/bots/index.ts";

const decide: Policy = (view) => botMove(view, "BY");
export default decide;

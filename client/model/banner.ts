/**
 * The banner line: what the phase asks of this viewer now, in words, and the one or two buttons
 * that do it (the student's Ready and Sign live here only; the facilitator's Start and Advance stay
 * in the lobby and the console). Pure: the game view draws it and wires the buttons.
 */
import type { Code } from "../../shared/rules/types.ts";
import type { ClientState } from "./store.ts";
import { nameOf } from "./palette.ts";

export type BannerButton =
  | { kind: "ready"; label: string; ready: boolean }
  | { kind: "sign"; label: string; sign: boolean; confirm?: string }
  | { kind: "takeSeat"; label: string }
  | { kind: "playAgain" | "home"; label: string };

export interface Banner {
  text: string;
  tone: "info" | "act" | "alert";
  buttons: BannerButton[];
}

const humanSeats = (s: ClientState): Code[] =>
  (Object.keys(s.pub.delegations) as Code[]).filter((c) => !s.pub.delegations[c].bot && s.pub.delegations[c].members.length > 0);

export function bannerFor(s: ClientState, projector: boolean): Banner | null {
  const p = s.pub;
  if (s.connection === "kicked") return { text: "The facilitator removed you from this session.", tone: "alert", buttons: [{ kind: "home", label: "Home" }] };
  if (projector || s.role === "spectator") return { text: spectatorLine(s), tone: "info", buttons: [] };
  if (s.role === "facilitator") return facilitatorBanner(s);
  const me = s.delegation;
  if (!me) return null;
  const d = p.delegations[me];
  if (p.phase === "lobby") return { text: "Lobby: the facilitator starts the talks when everyone is in.", tone: "info", buttons: [] };
  if (p.phase === "debrief") {
    return {
      text: "Debrief: the talks are over. See how each delegation scored, and why.",
      tone: "info",
      buttons: s.solo ? [{ kind: "playAgain", label: "Play again" }, { kind: "home", label: "Home" }] : [],
    };
  }
  if (d.bot) {
    return {
      text: `A bot is playing ${nameOf(me)}'s seat now: your moves are paused until you take it back (you can still talk).`,
      tone: "alert",
      buttons: [{ kind: "takeSeat", label: "Take the seat back" }],
    };
  }
  if (p.phase === "briefing") {
    return d.ready
      ? { text: "Briefing: you are ready. Round 1 starts when every delegation is.", tone: "info", buttons: [{ kind: "ready", label: "Not ready yet", ready: false }] }
      : { text: "Briefing: read your aims, then press Ready.", tone: "act", buttons: [{ kind: "ready", label: "Ready", ready: true }] };
  }
  if (p.phase === "round") {
    const bots = (Object.keys(p.delegations) as Code[]).filter((c) => p.delegations[c].bot);
    const botsDone = s.solo && bots.length > 0 && bots.every((c) => p.delegations[c].ready);
    const head = `Round ${p.round} of ${p.rounds}: `;
    if (d.ready) return { text: `${head}you are ready for the round's end. Waiting for the others.`, tone: "info", buttons: [{ kind: "ready", label: "Not ready yet", ready: false }] };
    return {
      text: botsDone ? `${head}the bots are done. The round ends when the timer runs out, unless you act.` : `${head}make your moves, then press Ready for round end.`,
      tone: "act",
      buttons: [{ kind: "ready", label: "Ready for round end", ready: true }],
    };
  }
  if (p.phase === "signing") {
    if (d.seat !== "party") return { text: `Signing: only the parties sign. ${nameOf(me)} sits as ${d.seat === "observer" ? "an observer" : "absent"}: wait for the result.`, tone: "info", buttons: [] };
    if (d.signature) return { text: `Signing: ${nameOf(me)} has ${d.signature === "signed" ? "signed" : "refused"}. Waiting for the other parties.`, tone: "info", buttons: [] };
    const team = d.members.length;
    const confirm = team > 1 ? `Sign for the whole delegation? Your ${team - 1} teammate${team > 2 ? "s" : ""} cannot undo it.` : undefined;
    const refuse = team > 1 ? `Refuse for the whole delegation? Your ${team - 1} teammate${team > 2 ? "s" : ""} cannot undo it.` : undefined;
    return {
      text: "Signing: sign or refuse the treaty.",
      tone: "act",
      buttons: [
        { kind: "sign", label: "Sign the treaty", sign: true, ...(confirm ? { confirm } : {}) },
        { kind: "sign", label: "Refuse to sign", sign: false, ...(refuse ? { confirm: refuse } : {}) },
      ],
    };
  }
  return null;
}

function facilitatorBanner(s: ClientState): Banner {
  const p = s.pub;
  const humans = humanSeats(s);
  const ready = humans.filter((c) => p.delegations[c].ready).length;
  const count = humans.length ? ` ${ready} of ${humans.length} student delegation${humans.length > 1 ? "s" : ""} ready.` : " No delegation is played by students.";
  switch (p.phase) {
    case "lobby":
      return { text: "Lobby: students join with the code. Press Start when everyone is in.", tone: "act", buttons: [] };
    case "briefing":
      return { text: `Briefing: round 1 starts by itself when every student delegation is ready; "Advance phase" starts it now.${count}`, tone: "act", buttons: [] };
    case "round":
      return { text: `Round ${p.round} of ${p.rounds}: it ends when the timer runs out, when every student delegation is ready, or on "Advance phase".${count}`, tone: "info", buttons: [] };
    case "signing":
      return { text: "Signing: the parties sign or refuse the treaty.", tone: "info", buttons: [] };
    default:
      return { text: "Debrief: the talks are over. The scores and the story are below.", tone: "info", buttons: [] };
  }
}

function spectatorLine(s: ClientState): string {
  const p = s.pub;
  switch (p.phase) {
    case "lobby":
      return "Lobby: join with the code below.";
    case "briefing":
      return "Briefing: the delegations read their aims.";
    case "round":
      return `Round ${p.round} of ${p.rounds}: the delegations negotiate.`;
    case "signing":
      return "Signing: the parties sign or refuse the treaty.";
    default:
      return "Debrief: how it ended, and why.";
  }
}

/** The table's layout as data: rectangles in CSS pixels of the canvas, origin top left. */
import type { Code } from "../../shared/rules/types.ts";

export type ScreenClass = "projector" | "laptop" | "phone";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A text on the canvas: the lines it shows (wrapped or cut to fit) and the full text. */
export interface Label extends Box {
  id: string;
  lines: string[];
  full: string;
  size: number;
  bold: boolean;
  align: "left" | "center" | "right";
}

export interface SeatSpot {
  code: Code;
  /** At its place at the table, waiting in the anteroom, or at the anteroom's door (a motion is open). */
  where: "table" | "anteroom" | "door";
  box: Box;
  ring: { x: number; y: number; r: number };
  /** The code inside the ring. */
  tag: Label;
  name: Label;
  status: Label;
  /** ★ chair, ✓ ready, ✍ signed, ✗ refused. */
  badges: Label;
  /** Signals played this round. */
  icons: Label;
}

export interface CardSpot {
  id: string;
  proposer: Code;
  box: Box;
  title: Label;
  detail: Label | null;
  chips: { code: Code; box: Box; size: number; text: string }[];
}

export interface GaugeSpot {
  id: "momentum" | "battlefield" | "euUnity";
  box: Box;
  label: Label;
  bar: Box;
  /** The battlefield's ends: which side each end favours. */
  ends: Label[];
}

export interface TableLayout {
  screen: ScreenClass;
  arrangement: "ring" | "strip";
  w: number;
  h: number;
  /** Base font size chosen for this size and state. */
  font: number;
  round: Label | null;
  timer: Label | null;
  gauges: GaugeSpot[];
  /** The felt: decoration behind the clause cards. */
  felt: Box;
  anteroom: { box: Box; title: Label; door: Box };
  seats: SeatSpot[];
  cards: CardSpot[];
  /** Live clauses not shown for lack of room (the treaty panel lists them all). */
  hidden: number;
  notes: Label[];
  event: { box: Box; title: Label; text: Label | null } | null;
  outcome: Label | null;
  /** Where speech bubbles may appear: overlays for a few seconds, not part of the layout. */
  bubbleWidth: number;
}

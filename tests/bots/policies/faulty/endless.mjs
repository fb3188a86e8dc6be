// Never stops talking: the per-phase action cap must end its phases.
export default function decide() {
  return { type: "say", to: "table", text: "One more thing." };
}

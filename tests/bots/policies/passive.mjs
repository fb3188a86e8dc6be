// Belarus does nothing at all: never ready, never signs, answers nothing.
export default function decide() {
  return null;
}

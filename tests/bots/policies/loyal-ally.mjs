// Moscow's loyal ally: the documented example, kept as one of the scripted Belarus lines.
export { default } from "../../../docs/policies/by-loyal-ally.mjs";

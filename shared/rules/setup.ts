import { shuffled } from "./random.ts";
import { scenarioOf } from "./scenario.ts";
import { DELEGATIONS, type Code, type DelegationState, type GameConfig, type GameState } from "./types.ts";

/** A new game in the lobby. Every starting number comes from the scenario. */
export function newGame(config: Partial<GameConfig> = {}, scenarioId = "minsk-window"): GameState {
  const sc = scenarioOf(scenarioId);
  const cfg: GameConfig = {
    rounds: sc.defaults.rounds,
    roundSeconds: sc.defaults.roundSeconds,
    seed: 1,
    bots: true,
    events: true,
    solo: false,
    briefingSeconds: sc.defaults.briefingSeconds,
    venue: "",
    ...config,
  };
  const delegations = {} as Record<Code, DelegationState>;
  for (const code of DELEGATIONS) {
    delegations[code] = {
      seat: sc.seats[code],
      influence: 0,
      ready: false,
      bot: false,
      humans: 0,
      signature: "",
      penalty: 0,
      pressureBonus: 0,
    };
  }
  const state: GameState = {
    scenario: sc.id,
    config: cfg,
    rng: cfg.seed | 0,
    phase: "lobby",
    round: 0,
    deadline: 0,
    paused: false,
    remaining: 0,
    momentum: sc.tracks.momentum.start,
    battlefield: sc.tracks.battlefield.start,
    euUnity: sc.tracks.euUnity.start,
    usAid: "flowing",
    venue: sc.venues.includes(cfg.venue) ? cfg.venue : "",
    venueVetoed: false,
    chair: sc.chair,
    delegations,
    belarus: {
      autonomy: sc.tracks.autonomy.start,
      trust: sc.tracks.trust.start,
      usFavour: sc.tracks.usFavour.start,
      pardonWaves: 0,
      nobelPledged: false,
      peaceFormula: false,
      peacekeepersOffered: false,
      backed: [],
    },
    sanctions: { RU: { US: "full", EU: "full" }, BY: { US: "full", EU: "full" } },
    byCondition: { US: "democratization", EU: "democratization" },
    clauses: [],
    motions: [],
    table: [],
    messages: [],
    event: "",
    deck: [],
    queue: emptyQueue(),
    stagingOpen: false,
    signals: [],
    notes: [],
    ended: "",
    outcome: null,
    nextId: 1,
  };
  state.deck = shuffled(state, sc.events.map((e) => e.id));
  return state;
}

export const emptyQueue = (): GameState["queue"] => ({
  pressure: 0,
  stagingAllowed: 0,
  aidPackages: 0,
  counteroffensives: 0,
  eventShift: 0,
  coreAgreed: false,
});

/**
 * "minsk-window": the default scenario. Belarus wants a seat, a guarantor's role, guarantees of
 * its own and sanctions relief; its window opens only if the war stops while Moscow stays strong.
 * Every number here is a starting value for the simulator to balance (docs/BALANCE.md).
 * Notes paraphrase the source (shared/source/article.txt); they never quote it.
 * The delegations' objectives live in minskWindowAims.ts: the client bundles this file for its
 * labels, and must not carry other delegations' secret aims to every browser.
 */
import type { PublicScenario } from "./types.ts";

export const minskWindow: PublicScenario = {
  id: "minsk-window",
  title: "The Minsk window",
  tracks: {
    momentum: { min: 0, max: 10, start: 5 },
    battlefield: { min: -5, max: 5, start: 1 },
    euUnity: { min: 0, max: 10, start: 6 },
    autonomy: { min: 0, max: 10, start: 3 },
    usFavour: { min: 0, max: 5, start: 0 },
  },
  maxPardonWaves: 3,
  chair: "US",
  seats: { RU: "party", UA: "party", US: "party", EU: "party", BY: "absent" },
  influence: { base: 3, chair: 4 },
  costs: { propose: 1, suggest: 0, adopt: 1, seatMotion: 1, torpedo: 2, opposeParity: 1 },
  torpedoMomentum: -2,
  chairSeatFavour: 3,
  sponsoredSeatAutonomy: -1,
  euBlockUnity: 2,
  venues: ["Istanbul", "Geneva", "Riyadh", "Minsk"],
  vetoableVenue: "Minsk",
  signals: {
    pressure: { owner: "RU", cost: 1, label: "Pressure on the front", ref: "¶5", note: "Moscow pushes on the battlefield while it talks." },
    stagingRequest: { owner: "RU", cost: 1, label: "Staging request to Belarus", ref: "¶8", note: "Belarus is still a staging ground for Russian forces." },
    counteroffensive: { owner: "UA", cost: 2, label: "Counteroffensive", ref: "¶17", note: "Kyiv tries to change the map before it signs." },
    appealToAllies: { owner: "UA", cost: 1, label: "Appeal to allies", ref: "¶19", note: "Kyiv shores up European solidarity." },
    pauseAid: { owner: "US", cost: 1, label: "Pause aid", ref: "¶2", note: "Washington can freeze the war by turning off the tap." },
    resumeAid: { owner: "US", cost: 1, label: "Resume aid", ref: "¶2", note: "Washington turns aid back on." },
    lowerTheBar: { owner: "US", cost: 1, once: true, label: "Lower the bar for Minsk", ref: "¶15", note: "Relief for Minsk could ask for prisoner releases instead of democratization." },
    dealPressure: { owner: "US", cost: 1, targets: ["RU", "UA"], label: "Deal pressure", ref: "¶2", note: "The chair leans on one side to close a deal." },
    aidPackage: { owner: "EU", cost: 1, label: "Aid package", ref: "¶19", note: "Europe keeps Ukraine in the fight." },
    unitySummit: { owner: "EU", cost: 1, label: "Unity summit", ref: "¶18", note: "Brussels works to keep its dissenters in line." },
    pardonWave: { owner: "BY", cost: 1, label: "Pardon wave", ref: "¶7", note: "Minsk frees political prisoners as a signal to the West." },
    nobelPledge: { owner: "BY", cost: 0, once: true, label: "Nobel pledge", ref: "¶1", note: "Minsk flatters Washington with a peace-prize nomination." },
    peaceFormula: { owner: "BY", cost: 1, once: true, label: "Publish the peace formula", ref: "¶7", note: "Minsk's plan echoes the Global South: ceasefire, neutrality, peacekeepers, borders later." },
    offerPeacekeepers: { owner: "BY", cost: 1, once: true, label: "Offer peacekeepers", ref: "¶6", note: "Minsk wants to be seen as a peacekeeper again." },
  },
  staging: { allowBattlefield: 1, allowAutonomy: -1, refuseAutonomy: 1, refusePenalty: 1 },
  dealPressure: { momentum: 1, penalty: 1 },
  clauses: {
    ceasefire: { label: "Ceasefire", ref: "¶7", note: "An immediate halt to the fighting." },
    withdrawal: { label: "Troop withdrawal", needs: "ceasefire", ref: "¶7", note: "Forces pull back from the front once the guns are silent." },
    aidFreeze: { label: "Freeze on military aid", ref: "¶7", note: "Western arms to Ukraine stop." },
    neutrality: { label: "Ukrainian neutrality", ref: "¶7", note: "Ukraine stays out of military blocs." },
    territoryDeferred: { label: "Territory deferred", ref: "¶7", note: "Border questions are postponed." },
    peacekeepers: { label: "Peacekeepers", allowed: ["BY", "EU", "TR", "CN", "UN"], ref: "¶7", note: "A force to watch the line; Minsk has offered its own troops." },
    guaranteesUkraine: { label: "Guarantees for Ukraine", allowed: ["US", "EU", "RU", "BY", "TR", "CN"], ref: "¶11", note: "Who stands behind Ukraine's security; Moscow once listed Minsk." },
    guaranteesBelarus: { label: "Guarantees for Belarus", allowed: ["RU", "US", "CN", "TR"], ref: "¶10", note: "Minsk's own guarantees, whoever gives them." },
    sanctionsRelief: { label: "Sanctions relief", ref: "¶14", note: "Lifting sanctions on Russia or on Belarus." },
  },
  credibility: { US: 4, EU: 3, TR: 1, CN: 1, RU: 0, BY: 0 },
  strongClauses: 2,
  parityCap: "partial",
  events: [
    { id: "globalSouthPlan", title: "Global South peace plan", text: "A group of Global South powers tables its own peace plan.", momentum: 1, ref: "¶7", note: "China, Brazil and Türkiye push similar formulas." },
    { id: "hungaryVeto", title: "Hungary threatens a veto", text: "Budapest threatens to block the next sanctions renewal.", euUnity: -2, ref: "¶18", note: "European dissenters can stall the Union." },
    { id: "euSummit", title: "EU summit", text: "European leaders close ranks at a summit.", euUnity: 1, ref: "¶19", note: "Unity can be rebuilt." },
    { id: "congressStalls", title: "Congress stalls aid", text: "Congress holds up the next aid bill; the US must spend influence to resume it.", pausesAid: true, ref: "¶2", note: "Aid depends on Washington's politics." },
    { id: "prisonersFreed", title: "Prisoners freed in Minsk", text: "Released prisoners cross into Lithuania; Washington takes note if Minsk has pardoned before.", usFavour: 1, needsPardon: true, ref: "¶7", note: "Pardons are Minsk's signal to the West." },
    { id: "borderIncident", title: "Border incident", text: "A drone crashes on Belarusian soil; Minsk looks less in control.", autonomy: -1, momentum: -1, ref: "¶5", note: "A wider war leaves Minsk more exposed." },
    { id: "presidentPraises", title: "The President praises Minsk", text: "The US President thanks Minsk for its help with a prisoner deal.", usFavour: 1, ref: "¶1", note: "Flattery can be returned." },
    { id: "breakthrough", title: "Front-line breakthrough", text: "One side breaks through on the front.", battlefield: "random", ref: "¶9", note: "The map still moves while the talks go on." },
    { id: "kremlinHawks", title: "Kremlin hawks", text: "Hawks in Moscow demand more pressure on the front.", pressureBonus: 1, ref: "¶8", note: "Moscow's hawkish line pulls against talks." },
  ],
  outcomes: {
    ukraine_falls: { title: "Ukraine falls", ref: "¶5", note: "The front collapsed before a deal." },
    moscow_defeated: { title: "Moscow defeated", ref: "¶17", note: "Russia's army broke before a deal." },
    collapse: { title: "Talks collapse", ref: "¶9", note: "The process lost all momentum." },
    no_deal: { title: "No deal — protracted war", ref: "¶17", note: "No treaty came into force; the war goes on." },
    ceasefire_strong: { title: "Ceasefire, Moscow strong", ref: "¶16", note: "The guns stopped with Moscow holding a strong hand." },
    ceasefire_weakened: { title: "Ceasefire, Moscow weakened", ref: "¶16", note: "The guns stopped on terms that weaken Moscow." },
  },
  defaults: { rounds: 6, roundSeconds: 300, briefingSeconds: 60 },
  names: {
    RU: "Russia",
    UA: "Ukraine",
    US: "United States",
    EU: "European Union",
    BY: "Belarus",
    TR: "Türkiye",
    CN: "China",
    UN: "United Nations",
  },
};


/**
 * The sentences of the seed articles (`/work/shared/seeds`, all of 3 Dec 2025) that the
 * projections' specs cite as their events' sources, verbatim, each under one name.
 */
const seed000 = "000_0a8234fe7da3e909.txt";
const seed001 = "001_5e83baba2592feae.txt";
const seed002 = "002_4ca82ed4cbe05626.txt";
const seed003 = "003_44546d9352da7b62.txt";
const seed004 = "004_e3b7d55a668e5e7c.txt";

export const alaskaInAugust = {
  seed: seed000,
  quote: "Since his return to office, Trump has pushed for a ceasefire between Russia and Ukraine, and also met Putin in Alaska in August this year.",
};
export const becamePublicLastMonth = {
  seed: seed000,
  quote:
    "Last month, a peace proposal by the US also became public, but it was heavily criticised for favouring the Russian side as it granted some of the Kremlin’s core demands that Kyiv has rejected as nonstarters.",
};
export const miamiOnThursday = {
  seed: seed000,
  quote: "Witkoff and Kushner will now meet the Ukrainian negotiators, including country’s former defence minister Rustem Umerov, in Miami on Thursday.",
};
export const natoKeyQuestion = {
  seed: seed000,
  quote:
    "Ukraine’s bid to become a member of the North Atlantic Treaty Organization (NATO) was a ‘key question’ of discussion during Russian President Vladimir Putin’s recent meeting with senior United States (US) officials, the Kremlin said on Wednesday (local time).",
};
export const repeatedlySaid = { seed: seed000, quote: "Russia has repeatedly said that Kyiv must never be allowed to join the US-led alliance." };
export const ushakovNoCloser = { seed: seed000, quote: "“We are no closer to resolving the crisis in Ukraine, and there is much work to be done.”" };
export const nov20Leak = {
  seed: seed001,
  quote:
    "In the wake of the Nov. 20 leak of the Trump Administration’s 28-point peace proposal, President Zelensky and several European leaders issued strong objections, condemning the plan’s call for Ukraine to reduce its military posture and relinquish significant territory.",
};
export const rubioProductive = {
  seed: seed001,
  quote: "Following the Florida discussions, Rubio characterized the meetings as “productive,” while cautioning that “additional work remains.",
};
export const umerovSteppedIn = {
  seed: seed001,
  quote: "Umerov stepped in after Andriy Yermak resigned as Zelensky’s chief of staff amid a sweeping anti-corruption investigation, triggered by a raid on his home.",
};
export const kremlinMoreOrLess = {
  seed: seed002,
  quote: "Some of the American proposals seem more or less acceptable, but they need to be discussed. Some of the wording that was proposed to us doesn’t suit us.",
};
export const genevaShortened = {
  seed: seed003,
  quote: "Following preliminary negotiations in Geneva, the plan was shortened to 22 points, with officials withholding specifics of its content.",
};
export const fourMoreDocuments = {
  seed: seed004,
  quote: "According to Russian presidential aide Yury Ushakov, the US delegation presented four more documents concerning the peace settlement during the Kremlin talks.",
};
export const leakedLastMonth = {
  seed: seed004,
  quote:
    "The discussions were focused on the key parts of an American-backed peace framework, which initially revolved around a 28-point draft that leaked to the media last month, leaving Vladimir Zelensky’s Western European backers blindsided and sidelined.",
};
export const yermakFired = {
  seed: seed004,
  quote:
    "Prior to Tuesday’s talks in Moscow, Witkoff met a Ukrainian delegation – minus former Zelensky aide Andrey Yermak, who has been fired – in Florida for four hours, which officials described as productive, but media sources said were “not easy,” widely assumed to refer to the question of territory.",
};

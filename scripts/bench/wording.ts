import type { Random } from "./random.ts";

/** Vocabulary for synthetic reports: enough variety that events look and weigh like real ones. */
export const parties = ["us", "russia", "ukraine", "europe"] as const;
export const issues = ["nato", "territory", "security-guarantees", "military-limits"] as const;
export const positions = ["supports", "conditional", "undecided", "mixed", "rejects", "withheld", "unknown"] as const;

const firstNames = [
  "Marco",
  "Yury",
  "Rustem",
  "Kirill",
  "Andriy",
  "Steve",
  "Jared",
  "Ursula",
  "Kaja",
  "Sergei",
  "Olena",
  "Dmitry",
  "Mark",
  "Emmanuel",
  "Friedrich",
  "Keir",
  "Giorgia",
  "Volodymyr",
  "Maria",
  "Denys",
];
const lastNames = [
  "Adler",
  "Berger",
  "Kovalenko",
  "Morozov",
  "Hale",
  "Fischer",
  "Lindqvist",
  "Petrenko",
  "Sokolov",
  "Whitman",
  "Duval",
  "Romano",
  "Novak",
  "Hartmann",
  "Bennett",
  "Orlov",
  "Tkachenko",
  "Weiss",
  "Carver",
  "Ivanova",
];
export const roles = [
  "special envoy",
  "foreign minister",
  "chief negotiator",
  "national security adviser",
  "deputy foreign minister",
  "presidential aide",
  "defence minister",
  "chief of staff",
  "ambassador",
  "spokesperson",
];
export const places = ["Geneva", "Istanbul", "Riyadh", "Miami", "Abu Dhabi", "Vienna", "Helsinki", "Doha", "Moscow", "Kyiv", "Brussels", "Washington"];
export const outlets = [
  { name: "Reuters", host: "www.reuters.com" },
  { name: "Associated Press", host: "apnews.com" },
  { name: "Kyiv Independent", host: "kyivindependent.com" },
  { name: "TASS", host: "tass.com" },
  { name: "Politico Europe", host: "www.politico.eu" },
  { name: "Financial Times", host: "www.ft.com" },
  { name: "Pravda.Ru", host: "english.pravda.ru" },
  { name: "Hindustan Times", host: "www.hindustantimes.com" },
] as const;
const tones = ["productive", "constructive", "difficult", "substantive", "tense", "inconclusive", "frank", "useful"];
const clauses = [
  "work remains",
  "concessions will be needed",
  "some wording does not suit Moscow",
  "no deal on territory yet",
  "guarantees come first",
  "advisers meet again soon",
  "a few dozen kilometres divide them",
  "Europe must be consulted",
];
export const issueWords: Record<(typeof issues)[number], string> = {
  nato: "Ukraine's NATO membership",
  territory: "the territory in Donbas",
  "security-guarantees": "security guarantees",
  "military-limits": "limits on Ukraine's armed forces",
};
export const claims = ["productive", "not easy", "no closer to a deal", "not further away from a deal"];

export function personName(random: Random): string {
  return `${random.pick(firstNames)} ${random.pick(lastNames)}`;
}

/** A sentence as a report would print it; a few carry the mis-decoded quotes of the seed articles. */
export function quote(random: Random, speaker: string, issue: string): string {
  const text = `${speaker}: talks on ${issue} ${random.pick(tones)}, ${random.pick(clauses)}.`;
  return random.chance(0.04) ? text.replace(": ", ":ย ").replace(",", "โ€™,") : text;
}

export function headline(random: Random, place: string): string {
  return `${random.pick(["Envoys", "Negotiators", "Officials", "Advisers"])} meet in ${place} as talks ${random.pick(["resume", "stall", "continue", "widen"])}`;
}

export function summary(random: Random, speaker: string, issue: (typeof issues)[number]): string {
  return `${speaker.split(" ")[1]} on ${issueWords[issue]}: ${random.pick(clauses)}`;
}

// A stance position is shown by colour, a mark and its word, never by colour alone.

export const POSITIONS = {
  supports: { mark: "✓", colour: "#1f7a4d" },
  conditional: { mark: "≈", colour: "#a15c00" },
  mixed: { mark: "±", colour: "#7a4fb0" },
  undecided: { mark: "…", colour: "#5d6678" },
  withheld: { mark: "–", colour: "#3b4357" },
  unknown: { mark: "?", colour: "#6b7385" },
  rejects: { mark: "✗", colour: "#b3261e" },
};

export const markOf = (position) => POSITIONS[position]?.mark ?? "?";

/**
 * Band colours (core/scoring BAND_COLORS) as literal Tailwind classes: Tailwind only generates
 * classes it can read in the source, so they are spelled out rather than built from strings.
 */
export interface BandPalette {
  /** Solid fill for bars and dots. */
  solid: string;
  /** Soft chip: background, text and ring. */
  chip: string;
  /** Text colour for numbers in the band. */
  text: string;
}

const PALETTES = {
  red: {
    solid: "bg-red-500",
    chip: "bg-red-50 text-red-700 ring-red-600/20",
    text: "text-red-700",
  },
  orange: {
    solid: "bg-orange-500",
    chip: "bg-orange-50 text-orange-700 ring-orange-600/20",
    text: "text-orange-700",
  },
  amber: {
    solid: "bg-amber-400",
    chip: "bg-amber-50 text-amber-800 ring-amber-600/25",
    text: "text-amber-700",
  },
  yellow: {
    solid: "bg-yellow-400",
    chip: "bg-yellow-50 text-yellow-800 ring-yellow-600/25",
    text: "text-yellow-700",
  },
  lime: {
    solid: "bg-lime-500",
    chip: "bg-lime-50 text-lime-800 ring-lime-600/25",
    text: "text-lime-700",
  },
  green: {
    solid: "bg-green-500",
    chip: "bg-green-50 text-green-700 ring-green-600/20",
    text: "text-green-700",
  },
  emerald: {
    solid: "bg-emerald-500",
    chip: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
    text: "text-emerald-700",
  },
  teal: {
    solid: "bg-teal-500",
    chip: "bg-teal-50 text-teal-700 ring-teal-600/20",
    text: "text-teal-700",
  },
  sky: {
    solid: "bg-sky-500",
    chip: "bg-sky-50 text-sky-700 ring-sky-600/20",
    text: "text-sky-700",
  },
  blue: {
    solid: "bg-blue-500",
    chip: "bg-blue-50 text-blue-700 ring-blue-600/20",
    text: "text-blue-700",
  },
  indigo: {
    solid: "bg-indigo-500",
    chip: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
    text: "text-indigo-700",
  },
  violet: {
    solid: "bg-violet-500",
    chip: "bg-violet-50 text-violet-700 ring-violet-600/20",
    text: "text-violet-700",
  },
  purple: {
    solid: "bg-purple-500",
    chip: "bg-purple-50 text-purple-700 ring-purple-600/20",
    text: "text-purple-700",
  },
  pink: {
    solid: "bg-pink-500",
    chip: "bg-pink-50 text-pink-700 ring-pink-600/20",
    text: "text-pink-700",
  },
  slate: {
    solid: "bg-slate-400",
    chip: "bg-slate-100 text-slate-700 ring-slate-600/20",
    text: "text-slate-700",
  },
} satisfies Record<string, BandPalette>;

const STALE: BandPalette = {
  solid: "bg-zinc-300",
  chip: "bg-zinc-100 text-zinc-500 ring-zinc-400/30",
  text: "text-zinc-500",
};

/** The palette for a band colour name; unknown names fall back to slate. */
export function bandPalette(color: string, stale = false): BandPalette {
  if (stale) return STALE;
  return (PALETTES as Record<string, BandPalette>)[color] ?? PALETTES.slate;
}

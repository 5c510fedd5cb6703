export { BandChip, ScoreValue, Stars, type BandLike } from "./score-value";
export { bandPalette } from "./band-colors";
export { bandForScore, formatCount, formatPoints, formatScore, starsFromScore } from "./format";

import { blankSpan, foldTagText, quoteLines } from './tag-text.ts';

/** Care instructions written on a label, in the wording US listings use ("Machine Wash Cold", "Dry Clean Only"). */
export interface CareFinding {
  instruction: string;
  text: string;
}

const WS = String.raw`[\s\-]*`;
const DRY_CLEAN = String.raw`DRY${WS}CLEAN(?:ING|ABLE)?`;
const NOT = String.raw`\b(?:DO${WS}NOT|DON['’\s]?T|NEVER|NO)`;

/*
 * Read in this order, each phrase blanked once read: negations and "only" forms first, so that
 * "DO NOT TUMBLE DRY" is never also read as "Tumble Dry", nor "DRY CLEAN ONLY" as "Dry Clean".
 */
const CARE_RULES: ReadonlyArray<readonly [string, RegExp]> = [
  ['Do Not Dry Clean', new RegExp(String.raw`${NOT}${WS}${DRY_CLEAN}`, 'g')],
  ['Dry Clean Only', new RegExp(String.raw`${DRY_CLEAN}${WS}ONLY|PROFESSIONAL(?:LY)?${WS}${DRY_CLEAN}${WS}ONLY`, 'g')],
  ['Do Not Wash', new RegExp(String.raw`${NOT}${WS}(?:MACHINE${WS})?WASH(?!${WS}(?:WITH|SEPARATELY|INSIDE|IN\b))`, 'g')],
  ['Non-Chlorine Bleach Only', new RegExp(String.raw`(?:ONLY${WS})?NON${WS}CHLORINE${WS}BLEACH(?:${WS}(?:ONLY|WHEN${WS}NEEDED|IF${WS}NEEDED))?`, 'g')],
  ['Do Not Bleach', new RegExp(String.raw`${NOT}${WS}(?:USE${WS}(?:CHLORINE${WS})?)?BLEACH`, 'g')],
  ['Do Not Tumble Dry', new RegExp(String.raw`${NOT}${WS}(?:TUMBLE|MACHINE)${WS}DRY`, 'g')],
  ['Do Not Iron', new RegExp(String.raw`${NOT}${WS}IRON`, 'g')],
  ['Do Not Wring', new RegExp(String.raw`${NOT}${WS}(?:WRING|TWIST)`, 'g')],
  ['Hand Wash', new RegExp(String.raw`HAND${WS}WASH(?:${WS}(?:ONLY|COLD|SEPARATELY))?`, 'g')],
  ['Machine Wash Cold', new RegExp(String.raw`MACHINE${WS}WASH${WS}(?:IN${WS})?COLD|(?:WASH${WS}COLD|COLD${WS}WASH)`, 'g')],
  ['Machine Wash Warm', new RegExp(String.raw`MACHINE${WS}WASH${WS}(?:IN${WS})?WARM|WASH${WS}WARM|WARM${WS}WASH`, 'g')],
  ['Machine Wash Hot', new RegExp(String.raw`MACHINE${WS}WASH${WS}(?:IN${WS})?HOT|WASH${WS}HOT`, 'g')],
  ['Gentle Cycle', new RegExp(String.raw`(?:GENTLE|DELICATE)${WS}CYCLE`, 'g')],
  ['Machine Wash', new RegExp(String.raw`MACHINE${WS}WASH(?:ABLE)?`, 'g')],
  ['Wash at 30°C', new RegExp(String.raw`WASH(?:${WS}AT)?${WS}30\s*[°º]?\s*C\b`, 'g')],
  ['Wash at 40°C', new RegExp(String.raw`WASH(?:${WS}AT)?${WS}40\s*[°º]?\s*C\b`, 'g')],
  ['Wash at 60°C', new RegExp(String.raw`WASH(?:${WS}AT)?${WS}60\s*[°º]?\s*C\b`, 'g')],
  ['Tumble Dry Low', new RegExp(String.raw`TUMBLE${WS}DRY${WS}(?:ON${WS})?(?:LOW|COOL|DELICATE)(?:${WS}HEAT)?`, 'g')],
  ['Tumble Dry Medium', new RegExp(String.raw`TUMBLE${WS}DRY${WS}(?:ON${WS})?MEDIUM(?:${WS}HEAT)?`, 'g')],
  ['Tumble Dry', new RegExp(String.raw`TUMBLE${WS}DRY`, 'g')],
  ['Line Dry', new RegExp(String.raw`(?:LINE|HANG|DRIP)${WS}(?:TO${WS})?DRY|DRY${WS}ON${WS}(?:A${WS})?LINE`, 'g')],
  ['Dry Flat', new RegExp(String.raw`(?:LAY|DRY)${WS}FLAT(?:${WS}TO${WS}DRY)?|RESHAPE${WS}AND${WS}DRY${WS}FLAT`, 'g')],
  ['Cool Iron', new RegExp(String.raw`(?:COOL|LOW)${WS}IRON|IRON${WS}(?:ON${WS})?(?:LOW|COOL)`, 'g')],
  ['Warm Iron', new RegExp(String.raw`(?:WARM|MEDIUM)${WS}IRON|IRON${WS}(?:ON${WS})?(?:MEDIUM|WARM)`, 'g')],
  ['Hot Iron', new RegExp(String.raw`HOT${WS}IRON|IRON${WS}(?:ON${WS})?HIGH`, 'g')],
  ['Dry Clean', new RegExp(DRY_CLEAN, 'g')],
  ['Wash with Like Colors', new RegExp(String.raw`WASH${WS}WITH${WS}(?:LIKE|SIMILAR)${WS}COLOU?RS`, 'g')],
  ['Wash Separately', new RegExp(String.raw`WASH${WS}(?:DARK${WS}COLOU?RS${WS})?SEPARATELY`, 'g')],
  ['Wash Inside Out', new RegExp(String.raw`(?:WASH|TURN)${WS}(?:GARMENT${WS})?INSIDE${WS}OUT`, 'g')],
];

/** Every care instruction on the label, once each, in the order the rules know them. */
export function findCareInstructions(text: string): CareFinding[] {
  let remaining = foldTagText(text);
  const findings: CareFinding[] = [];
  for (const [instruction, pattern] of CARE_RULES) {
    for (const match of remaining.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!findings.some((finding) => finding.instruction === instruction)) {
        findings.push({ instruction, text: quoteLines(text, start, end) });
      }
      remaining = blankSpan(remaining, start, end);
    }
  }
  return findings;
}

import { describe, expect, it } from 'vitest';
import { findCareInstructions } from '../../../../src/domain/tags/care-parser.ts';

const instructionsIn = (text: string): string[] => findCareInstructions(text).map((finding) => finding.instruction);

describe('findCareInstructions', () => {
  it.each([
    ['MACHINE WASH COLD', ['Machine Wash Cold']],
    ['Machine wash cold with like colors', ['Machine Wash Cold']],
    ['MACHINE WASH WARM', ['Machine Wash Warm']],
    ['MACHINE WASH HOT', ['Machine Wash Hot']],
    ['MACHINE WASHABLE', ['Machine Wash']],
    ['WASH COLD', ['Machine Wash Cold']],
    ['HAND WASH ONLY', ['Hand Wash']],
    ['HAND WASH COLD', ['Hand Wash']],
    ['DRY CLEAN ONLY', ['Dry Clean Only']],
    ['PROFESSIONALLY DRY CLEAN ONLY', ['Dry Clean Only']],
    ['DRY CLEAN', ['Dry Clean']],
    ['DO NOT DRY CLEAN', ['Do Not Dry Clean']],
    ['Do not dryclean', ['Do Not Dry Clean']],
    ["DON'T DRY CLEAN", ['Do Not Dry Clean']],
    ['DO NOT BLEACH', ['Do Not Bleach']],
    ['NO BLEACH', ['Do Not Bleach']],
    ['ONLY NON-CHLORINE BLEACH WHEN NEEDED', ['Non-Chlorine Bleach Only']],
    ['TUMBLE DRY LOW', ['Tumble Dry Low']],
    ['TUMBLE DRY LOW HEAT', ['Tumble Dry Low']],
    ['TUMBLE DRY MEDIUM', ['Tumble Dry Medium']],
    ['TUMBLE DRY', ['Tumble Dry']],
    ['DO NOT TUMBLE DRY', ['Do Not Tumble Dry']],
    ['LINE DRY', ['Line Dry']],
    ['HANG TO DRY', ['Line Dry']],
    ['LINE DRY IN SHADE', ['Line Dry']],
    ['LAY FLAT TO DRY', ['Dry Flat']],
    ['DRY FLAT', ['Dry Flat']],
    ['COOL IRON', ['Cool Iron']],
    ['IRON ON LOW', ['Cool Iron']],
    ['WARM IRON', ['Warm Iron']],
    ['DO NOT IRON', ['Do Not Iron']],
    ['DO NOT WASH', ['Do Not Wash']],
    ['DO NOT WRING', ['Do Not Wring']],
    ['GENTLE CYCLE', ['Gentle Cycle']],
    ['WASH AT 30°C', ['Wash at 30°C']],
    ['WASH 40C', ['Wash at 40°C']],
    ['WASH WITH LIKE COLORS', ['Wash with Like Colors']],
    ['WASH DARK COLOURS SEPARATELY', ['Wash Separately']],
    ['TURN GARMENT INSIDE OUT', ['Wash Inside Out']],
  ])('reads %j', (text, expected) => {
    expect(instructionsIn(text)).toEqual(expected);
  });

  it('reads every instruction of a real care label, never a negated one as its opposite', () => {
    expect(
      instructionsIn(
        'Machine wash warm gentle cycle, use wash net. Do not bleach. Line dry in shade. Cool iron, use press cloth. Do not dryclean.',
      ),
    ).toEqual(['Do Not Dry Clean', 'Do Not Bleach', 'Machine Wash Warm', 'Gentle Cycle', 'Line Dry', 'Cool Iron']);
  });

  it('reads a dry-clean-only label without also reading "tumble dry" or "dry clean"', () => {
    expect(instructionsIn('DO NOT WASH, DO NOT BLEACH, DO NOT TUMBLE DRY, DO NOT IRON, DRY CLEAN ONLY')).toEqual([
      'Dry Clean Only',
      'Do Not Wash',
      'Do Not Bleach',
      'Do Not Tumble Dry',
      'Do Not Iron',
    ]);
  });

  it('quotes the line an instruction came from', () => {
    expect(findCareInstructions('100% COTTON\nMACHINE WASH COLD\nMADE IN USA')).toEqual([
      { instruction: 'Machine Wash Cold', text: 'MACHINE WASH COLD' },
    ]);
  });

  it('reads an instruction repeated on a label once', () => {
    expect(instructionsIn('DO NOT BLEACH\nNE PAS BLANCHIR\nDO NOT BLEACH')).toEqual(['Do Not Bleach']);
  });

  it.each([
    ['100% COTTON', 'a fibre line'],
    ['MADE IN CHINA', 'a country line'],
    ['NO RETURNS', 'something else negated'],
    ['IRONIC TEE', 'a word that contains IRON'],
    ['', 'nothing'],
  ])('reads no instruction from %j (%s)', (text) => {
    expect(findCareInstructions(text)).toEqual([]);
  });
});

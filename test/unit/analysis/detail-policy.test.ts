import { describe, expect, it } from 'vitest';
import { planVisionPhotos, type CandidatePhoto, type DetailPolicy } from '../../../src/domain/analysis/detail-policy.ts';

const tagsHigh: DetailPolicy = { name: 'tags-high', maxPhotos: 6, maxHighDetail: 1, highDetailTiles: 1 };

function photo(photoId: string, kind: CandidatePhoto['kind'], extra: Partial<CandidatePhoto> = {}): CandidatePhoto {
  return { photoId, kind, resolved: false, textRegion: null, textAmount: 0, ...extra };
}

const item: CandidatePhoto[] = [
  photo('label', 'label', { resolved: true, textAmount: 20 }),
  photo('front', 'garment'),
  photo('back', 'garment'),
  photo('detail', 'garment'),
  photo('tag', 'tag', { textAmount: 48, textRegion: { left: 400, top: 300, width: 200, height: 100 } }),
  photo('care', 'tag', { textAmount: 30 }),
];

describe('which photos the vision model sees, and how closely', () => {
  it('shows the tag with the most text at high detail, cut to its text with a margin, within the tile budget', () => {
    const plan = planVisionPhotos(item, tagsHigh);
    const high = plan.filter((planned) => planned.detail === 'high');
    expect(high.map((planned) => planned.photoId)).toEqual(['tag']);
    expect(high[0]?.focus).toEqual({ left: 350, top: 275, width: 300, height: 150 });
    expect(high[0]?.maxTiles).toBe(1);
    expect(plan.filter((planned) => planned.detail === 'low').map((planned) => planned.photoId)).toEqual(['front', 'back', 'detail', 'care']);
  });

  it('does not send a SKU label whose SKU and weight were already read', () => {
    expect(planVisionPhotos(item, tagsHigh).map((planned) => planned.photoId)).not.toContain('label');
  });

  it('sends an unread label as a close-up, like a tag', () => {
    const unread = [photo('label', 'label', { textAmount: 60 }), photo('front', 'garment')];
    expect(planVisionPhotos(unread, tagsHigh).find((planned) => planned.photoId === 'label')?.detail).toBe('high');
  });

  it('keeps close-ups first when an item has more photos than allowed, then the first garment photos, in shooting order', () => {
    const plan = planVisionPhotos(item, { ...tagsHigh, maxPhotos: 3 });
    expect(plan.map((planned) => planned.photoId)).toEqual(['front', 'tag', 'care']);
  });

  it('sends everything at low detail under all-low', () => {
    expect(planVisionPhotos(item, { ...tagsHigh, name: 'all-low' }).every((planned) => planned.detail === 'low')).toBe(true);
  });

  it('sends every photo whole at high detail under all-high, the read label too', () => {
    const plan = planVisionPhotos(item, { ...tagsHigh, name: 'all-high' });
    expect(plan).toHaveLength(6);
    expect(plan.every((planned) => planned.detail === 'high' && planned.focus === null && planned.maxTiles === null)).toBe(true);
  });

  it('sends no photo at high detail when none shows text', () => {
    const plain = [photo('front', 'garment'), photo('back', 'garment')];
    expect(planVisionPhotos(plain, tagsHigh).every((planned) => planned.detail === 'low')).toBe(true);
  });
});

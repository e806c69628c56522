import { describe, expect, it } from 'vitest';
import { compareNaturally, orderPhotos, type OrderablePhoto } from '../../../../src/domain/segmentation/photo-order.ts';

function photo(originalName: string, sequence: number, capturedAt: string | null): OrderablePhoto {
  return { originalName, sequence, capturedAt: capturedAt === null ? null : new Date(capturedAt) };
}

const names = (photos: OrderablePhoto[]): string[] => photos.map((p) => p.originalName);

describe('compareNaturally', () => {
  it.each([
    ['IMG_2.jpg', 'IMG_10.jpg'],
    ['IMG_0998.JPG', 'IMG_1000.JPG'],
    ['img_9.jpg', 'IMG_10.jpg'],
    ['photo 2 (1).jpg', 'photo 2 (2).jpg'],
    ['a.jpg', 'b.jpg'],
    ['IMG_5.jpg', 'IMG_5a.jpg'],
    ['1.jpg', 'a.jpg'],
  ])('puts %j before %j', (first, second) => {
    expect(compareNaturally(first, second)).toBeLessThan(0);
    expect(compareNaturally(second, first)).toBeGreaterThan(0);
  });

  it('still orders names that differ only in leading zeros, one way round', () => {
    expect(compareNaturally('IMG_1.jpg', 'IMG_01.jpg')).not.toBe(0);
    expect(Math.sign(compareNaturally('IMG_1.jpg', 'IMG_01.jpg'))).toBe(-Math.sign(compareNaturally('IMG_01.jpg', 'IMG_1.jpg')));
  });

  it('finds a name equal to itself', () => {
    expect(compareNaturally('IMG_7.jpg', 'IMG_7.jpg')).toBe(0);
  });
});

describe('orderPhotos', () => {
  it('orders by capture time first', () => {
    const ordered = orderPhotos([
      photo('IMG_3.jpg', 0, '2024-05-01T10:02:00Z'),
      photo('IMG_1.jpg', 1, '2024-05-01T10:00:00Z'),
      photo('IMG_2.jpg', 2, '2024-05-01T10:01:00Z'),
    ]);
    expect(names(ordered)).toEqual(['IMG_1.jpg', 'IMG_2.jpg', 'IMG_3.jpg']);
  });

  it('breaks a tie in capture time (burst shots in one second) by natural name, then upload order', () => {
    const ordered = orderPhotos([
      photo('IMG_10.jpg', 0, '2024-05-01T10:00:00Z'),
      photo('IMG_9.jpg', 1, '2024-05-01T10:00:00Z'),
      photo('photo.jpg', 3, '2024-05-01T10:00:00Z'),
      photo('photo.jpg', 2, '2024-05-01T10:00:00Z'),
    ]);
    expect(ordered.map((p) => `${p.originalName}#${p.sequence}`)).toEqual([
      'IMG_9.jpg#1',
      'IMG_10.jpg#0',
      'photo.jpg#2',
      'photo.jpg#3',
    ]);
  });

  it('orders the whole batch by name when any photo lacks a capture time, keeping the camera roll together', () => {
    const ordered = orderPhotos([
      photo('IMG_0003.jpg', 0, '2024-05-01T09:00:00Z'),
      photo('IMG_0001.jpg', 1, '2024-05-01T10:00:00Z'),
      photo('IMG_0002.jpg', 2, null),
    ]);
    expect(names(ordered)).toEqual(['IMG_0001.jpg', 'IMG_0002.jpg', 'IMG_0003.jpg']);
  });

  it('falls back to upload order when names say nothing (browsers that name every file image.jpg)', () => {
    const ordered = orderPhotos([photo('image.jpg', 2, null), photo('image.jpg', 0, null), photo('image.jpg', 1, null)]);
    expect(ordered.map((p) => p.sequence)).toEqual([0, 1, 2]);
  });

  it('treats an invalid date like a missing one', () => {
    const ordered = orderPhotos([photo('IMG_2.jpg', 0, '2024-05-01T09:00:00Z'), photo('IMG_1.jpg', 1, 'not a date')]);
    expect(names(ordered)).toEqual(['IMG_1.jpg', 'IMG_2.jpg']);
  });

  it('leaves its input untouched', () => {
    const input = [photo('IMG_2.jpg', 0, null), photo('IMG_1.jpg', 1, null)];
    orderPhotos(input);
    expect(names(input)).toEqual(['IMG_2.jpg', 'IMG_1.jpg']);
  });
});

import { describe, expect, it } from 'vitest';
import { displayNameOf } from '../../../src/services/file-names.ts';

describe('the name a seller sees for an uploaded file', () => {
  it.each([
    ['IMG_0001.JPG', 'IMG_0001.JPG'],
    ['../../etc/passwd.jpg', 'passwd.jpg'],
    ['C:\\Users\\me\\Pictures\\IMG_2.heic', 'IMG_2.heic'],
    ['фото 🧥.jpg', 'фото 🧥.jpg'],
    ['bad\u0000name\u202e.jpg', 'badname.jpg'],
    ['...hidden.jpg', 'hidden.jpg'],
    ['', 'unnamed'],
    ['../', 'unnamed'],
  ])('%j is shown as %j', (given, shown) => {
    expect(displayNameOf(given)).toBe(shown);
  });

  it('is cut to 200 characters without splitting a character', () => {
    expect([...displayNameOf(`${'🧥'.repeat(300)}.jpg`)]).toHaveLength(200);
  });
});

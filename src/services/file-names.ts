const MAX_NAME_LENGTH = 200;

/**
 * The name a seller sees for an uploaded file. Names are labels, never paths (photos are stored
 * by content), yet a label must not carry directories, control characters or unbounded length.
 */
export function displayNameOf(fileName: string): string {
  const lastSegment = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .replace(/\p{Cc}|\p{Cf}/gu, '')
    .trim();
  const withoutDots = cleaned.replace(/^\.+/, '');
  if (withoutDots === '') return 'unnamed';
  return [...withoutDots].slice(0, MAX_NAME_LENGTH).join('');
}

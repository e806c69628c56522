import type { BatchDto } from '../contracts/batch.ts';
import type { PhotoDto } from '../contracts/photo.ts';
import type { BatchRecord, PhotoRecord } from '../ports/repositories.ts';

export function toBatchDto(batch: BatchRecord): BatchDto {
  return {
    id: batch.id,
    name: batch.name,
    status: batch.status,
    createdAt: batch.createdAt.toISOString(),
    submittedAt: batch.submittedAt?.toISOString() ?? null,
    completedAt: batch.completedAt?.toISOString() ?? null,
  };
}

export function toPhotoDto(photo: PhotoRecord): PhotoDto {
  return {
    id: photo.id,
    batchId: photo.batchId,
    originalName: photo.originalName,
    sequence: photo.sequence,
    sha256: photo.sha256,
    bytes: photo.bytes,
    status: photo.status,
    role: photo.role,
    itemId: photo.itemId,
    mimeType: photo.mimeType,
    width: photo.width,
    height: photo.height,
    capturedAt: photo.capturedAt?.toISOString() ?? null,
    quality: photo.quality,
    barcodes: photo.barcodes,
    error: photo.errorCode ? { code: photo.errorCode, message: photo.errorMessage ?? '' } : null,
  };
}

/** How services set work in motion; the pipeline decides what runs and where. */
export interface PipelineControl {
  photosReceived(batchId: string, photoIds: string[]): Promise<void>;
  batchSubmitted(batchId: string): Promise<void>;
}

/** Sends the items the seller approved to publishing. */
export interface PublishControl {
  itemsApproved(batchId: string, itemIds: string[]): Promise<void>;
}

/** Sends items whose photos the seller regrouped back through analysis, listing and pricing. */
export interface ItemRerunControl {
  itemsRegrouped(batchId: string, itemIds: string[]): Promise<void>;
}

import type { DatasetVersionDto } from "@roundhouse/contracts";

export interface DatasetDetail {
  id: string;
  name: string;
  description: string;
  owner: string;
  createdAt: string;
  versions: DatasetVersionDto[];
}

import type { FieldProblem, TrainingSpecInput } from "@roundhouse/contracts";
import type { Draft } from "./draft";

/** What every wizard step receives; kept apart from the wizard so steps do not import the component that renders them. */
export interface StepProps {
  draft: Draft;
  edit: (change: (spec: TrainingSpecInput, draft: Draft) => void) => void;
  /** Problems to show next to fields: the zod schema's, after Next was pressed, and the server's. */
  problems: FieldProblem[];
}

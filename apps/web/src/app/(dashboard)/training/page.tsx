import { redirect } from "next/navigation";

// The wizard is the Training section; a draft id is added on arrival.
export default function TrainingPage() {
  redirect("/training/new");
}

import type { Permission } from "@roundhouse/contracts";
import {
  BadgeCheck,
  Boxes,
  Database,
  FlaskConical,
  ListChecks,
  type LucideIcon,
  Scale,
  ScrollText,
  Server,
  Settings,
  Sparkles,
} from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Shown only to roles that hold it: nobody is offered a page they cannot use. */
  permission?: Permission;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/datasets", label: "Datasets", icon: Database },
  { href: "/training", label: "Training", icon: Sparkles, permission: "jobs:submit" },
  { href: "/jobs", label: "Jobs", icon: ListChecks },
  { href: "/workers", label: "Workers", icon: Server },
  { href: "/runs", label: "Runs", icon: FlaskConical },
  { href: "/models", label: "Models", icon: Boxes },
  { href: "/approvals", label: "Approvals", icon: BadgeCheck },
  { href: "/decisions", label: "Decisions", icon: Scale },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/settings", label: "Settings", icon: Settings },
];

import {
  BadgeCheck,
  Boxes,
  Database,
  FlaskConical,
  ListChecks,
  type LucideIcon,
  Scale,
  ScrollText,
  Settings,
  Sparkles,
} from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/datasets", label: "Datasets", icon: Database },
  { href: "/training", label: "Training", icon: Sparkles },
  { href: "/jobs", label: "Jobs", icon: ListChecks },
  { href: "/runs", label: "Runs", icon: FlaskConical },
  { href: "/models", label: "Models", icon: Boxes },
  { href: "/approvals", label: "Approvals", icon: BadgeCheck },
  { href: "/decisions", label: "Decisions", icon: Scale },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/settings", label: "Settings", icon: Settings },
];

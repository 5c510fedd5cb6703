import type { ComponentType, SVGProps } from "react";
import {
  AudiencesIcon,
  DataIcon,
  JourneysIcon,
  PeopleIcon,
  ScoresIcon,
  SettingsIcon,
} from "../ui/icons";

export interface NavItem {
  href: string;
  label: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  live: boolean;
  /** One line for the "coming soon" page. */
  blurb: string;
}

/** Navigation (docs/ui.md). Scores, Data and Settings are live; the rest have a placeholder page, never a dead link. */
export const NAV_ITEMS: NavItem[] = [
  {
    href: "/scores",
    label: "Scores",
    icon: ScoresIcon,
    live: true,
    blurb: "Score models: lead, engagement and health.",
  },
  {
    href: "/audiences",
    label: "Audiences",
    icon: AudiencesIcon,
    live: false,
    blurb:
      "Segment contacts by score, fields and activity, see who is in them, and export them as CSV or through the API.",
  },
  {
    href: "/journeys",
    label: "Journeys",
    icon: JourneysIcon,
    live: false,
    blurb:
      "Move contacts in and out of journeys on score thresholds, with a transitions log and signed webhooks.",
  },
  {
    href: "/people",
    label: "People",
    icon: PeopleIcon,
    live: false,
    blurb:
      "Search contacts and open a profile with its fields, scores, score ledgers and activity timeline.",
  },
  {
    href: "/data",
    label: "Data",
    icon: DataIcon,
    live: true,
    blurb:
      "Manage the field and activity registry, import CSV files with a report, and install the tracking snippet.",
  },
  {
    href: "/settings",
    label: "Settings",
    icon: SettingsIcon,
    live: true,
    blurb: "Workspace details, members and roles, and API keys.",
  },
];

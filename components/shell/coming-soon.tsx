import Link from "next/link";
import { buttonClasses } from "../ui/button";
import { NAV_ITEMS } from "./nav";
import { PageHeader } from "./page-header";

/** A deliberate placeholder for sections that are not built yet: says what is coming, links back. */
export function ComingSoon({ href }: { href: string }) {
  const item = NAV_ITEMS.find((n) => n.href === href);
  if (!item) return null;
  const Icon = item.icon;
  return (
    <>
      <PageHeader title={item.label} />
      <section
        aria-labelledby="coming-soon-title"
        className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-16 text-center"
      >
        <span className="mb-4 flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
          <Icon className="size-6" />
        </span>
        <h2 id="coming-soon-title" className="text-base font-semibold text-zinc-900">
          {item.label} is coming soon
        </h2>
        <p className="mt-1 max-w-md text-sm text-zinc-500">{item.blurb}</p>
        <Link href="/scores" className={buttonClasses("secondary", "md", "mt-6")}>
          Go to Scores
        </Link>
      </section>
    </>
  );
}

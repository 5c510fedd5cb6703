import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center px-6 py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-zinc-500">
        It may have been deleted, or the link is wrong.
      </p>
      <Link href="/scores" className={buttonClasses("secondary", "md", "mt-6")}>
        Back to Scores
      </Link>
    </div>
  );
}

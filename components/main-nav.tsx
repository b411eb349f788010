"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The site's sections; the one holding the current page is marked for screen readers and the eye. */
export function MainNav({ label, links }: { label: string; links: { href: string; text: string }[] }) {
  const pathname = usePathname();
  const current = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label={label} className="main-nav">
      {links.map(({ href, text }) => (
        <Link key={href} href={href} aria-current={current(href) ? "page" : undefined}>
          {text}
        </Link>
      ))}
    </nav>
  );
}

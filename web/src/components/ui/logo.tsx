/** The company's mark: a flame on the brand colour. Decorative; the company name is always written beside it. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" className="logo__background" />
      <path d="M16 6c3.5 4.2 6.5 7.7 6.5 11.6A6.5 6.5 0 0 1 9.5 17.6C9.5 13.7 12.5 10.2 16 6Z" className="logo__flame" />
      <path d="M16 14.5c1.6 1.9 2.9 3.4 2.9 5.1a2.9 2.9 0 0 1-5.8 0c0-1.7 1.3-3.2 2.9-5.1Z" className="logo__core" />
    </svg>
  );
}

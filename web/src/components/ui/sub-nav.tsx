import { NavLink } from 'react-router';

export interface SubNavItem {
  to: string;
  label: string;
}

/** The choices inside a menu section (e.g. Avlesning / Forbruk under Måler), as links to their own addresses. */
export function SubNav({ label, items }: { label: string; items: SubNavItem[] }) {
  return (
    <nav className="sub-nav" aria-label={label}>
      <ul className="sub-nav__list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="sub-nav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

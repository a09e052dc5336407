// Helpers for the planning flows: pick a free person in the rendered grid.

/** The rendered person with the fewest hours and no shift on `day` or the days either side. */
export async function freePerson(page, days) {
  return page.evaluate((quiet) => {
    let best = null;
    for (const name of document.querySelectorAll('[data-person-id]')) {
      const row = name.parentElement;
      const busy = quiet.some((d) => row.querySelector(`[data-day="${d}"] [data-shift-id]`));
      if (busy) continue;
      const hours = Number.parseFloat(name.querySelector('span:last-child')?.textContent ?? '0');
      if (!best || hours < best.hours) {
        const label = name.querySelector('span')?.textContent ?? '';
        best = { id: name.getAttribute('data-person-id'), name: label, hours };
      }
    }
    return best;
  }, days);
}

export function addDays(date, n) {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

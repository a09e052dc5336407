// Find, through the API the page itself uses, an open shift and a person shown in the grid
// whose other shift overlaps it: assigning them must break a rule.
export async function clashingPair(page) {
  return page.evaluate(async () => {
    const rendered = [...document.querySelectorAll('[data-person-id]')].map((el) =>
      el.getAttribute('data-person-id'),
    );
    const shiftIds = [...document.querySelectorAll('[data-shift-id]')].map((el) =>
      el.getAttribute('data-shift-id'),
    );
    // The grid's location is the one its open shifts belong to.
    const first = await (await fetch(`/api/v1/shifts/${shiftIds[0]}`)).json();
    const locationId = first.location_id;
    const start = new Date(Date.now() - 14 * 86400_000).toISOString();
    const end = new Date(Date.now() + 21 * 86400_000).toISOString();
    const query = new URLSearchParams({ location_id: locationId, start, end, limit: '500' });
    const { items } = await (await fetch(`/api/v1/shifts?${query}`)).json();
    const overlaps = (a, b) => a.starts_at < b.ends_at && b.starts_at < a.ends_at;
    for (const open of items.filter((s) => s.open_seats > 0 && shiftIds.includes(s.id))) {
      for (const other of items.filter((s) => s.id !== open.id && overlaps(s, open))) {
        for (const a of other.assignments) {
          const onOpen = open.assignments.some((b) => b.person_id === a.person_id);
          if (rendered.includes(a.person_id) && !onOpen) {
            return { shiftId: open.id, personId: a.person_id, name: a.display_name };
          }
        }
      }
    }
    return null;
  });
}

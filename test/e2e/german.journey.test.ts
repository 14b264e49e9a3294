// A journey with VS Code in German: code-server started with --locale de and a stand-in language
// pack (VS Code's own words stay English; there is no network to fetch the real pack), so the
// extension's manifest (package.nls.de.json) and runtime strings (l10n/bundle.l10n.de.json) are
// German. Commands in the palette, the log flow's quick pick and the summary's headings.
import * as assert from 'node:assert/strict';
import { poll, useWorkbench } from './workbench';

describe('Journey: Impact Log in German', () => {
  const wb = useWorkbench({ name: 'german', locale: 'de' });

  it('the palette lists the commands in German, and "Notiz erfassen" logs a note', async () => {
    const w = wb();
    const title = 'Mit Priya die Release-Checkliste durchgegangen';
    await w.runCommand('Impact Log: Notiz erfassen');
    await w.typeInQuickInput(title, { expect: 'Was sollte man sich merken?' });
    await w.acceptDefaults(() => w.entries().some((e) => e.title === title));
    const entry = await w.waitForEntry((e) => e.title === title);
    assert.equal(entry.kind, 'note');
    // The status bar's count speaks German too (its words come from the same table).
    await poll(async () => /^Impact Log: 1 Ergebnis diese Woche|^Impact Log: \d+ Ergebnisse diese Woche/.test((await w.statusBarItem().getAttribute('aria-label')) ?? ''), () => 'the status bar item to say “… diese Woche” in German', 15_000);
  });

  it('"Eintrag erfassen…" asks in German which kind, with the kinds’ German names', async () => {
    const w = wb();
    await w.runCommand('Impact Log: Eintrag erfassen');
    const state = await w.waitForQuickInput('Welche Art von Eintrag?');
    for (const kind of ['Gelöstes Problem', 'KI-Unterstützung', 'Im Review gefundener Fehler', 'Ausgelieferte Änderung', 'Störung', 'Notiz']) {
      assert.ok(state.rows.some((r) => r.startsWith(kind) || r.includes(kind)), `no row "${kind}" in ${JSON.stringify(state.rows)}`);
    }
    assert.ok(!state.rows.some((r) => /Problem solved|Change shipped/.test(r)), `English rows: ${JSON.stringify(state.rows)}`);
    await w.page.keyboard.press('Escape');
    await w.waitForQuickInputClosed();
  });

  it('exports "Dieses Quartal": the summary’s headings and table header are German', async () => {
    const w = wb();
    await w.runCommand('Impact Log: Beurteilungszusammenfassung exportieren');
    await w.waitForQuickInput('Welcher Zeitraum?');
    await w.pickQuickItem('Dieses Quartal', { expect: 'Welcher Zeitraum?' });
    await w.pickQuickItem('Wirkungsübersicht', { expect: 'Welche Vorlage?' });
    const text = await w.editorText(/# Wirkungsübersicht — /);
    assert.match(text, /## Auf einen Blick/);
    assert.match(text, /\| Kennzahl \| Dieser Zeitraum \|/);
    assert.match(text, /\| Notizen \| 1 /);
    assert.doesNotMatch(text, /## At a glance|# Impact summary/);
  });
});

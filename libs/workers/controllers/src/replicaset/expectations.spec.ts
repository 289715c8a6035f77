import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS } from './expectations';

describe('ControllerExpectations', () => {
  it('holds a controller back until every expected creation and deletion was observed', () => {
    const expectations = new ControllerExpectations(() => 0);
    expect(expectations.satisfied('ns/rs')).toBe(true);
    expectations.expectCreations('ns/rs', 2);
    expectations.creationObserved('ns/rs');
    expect(expectations.satisfied('ns/rs')).toBe(false);
    expectations.creationObserved('ns/rs');
    expect(expectations.satisfied('ns/rs')).toBe(true);
    expectations.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
    expectations.deletionObserved('ns/rs', 'ns/a');
    expectations.deletionObserved('ns/rs', 'ns/a');
    expect(expectations.satisfied('ns/rs')).toBe(false);
    expectations.deletionObserved('ns/rs', 'ns/b');
    expect(expectations.satisfied('ns/rs')).toBe(true);
  });

  it('expires after five minutes in case an event was lost', () => {
    let now = 0;
    const expectations = new ControllerExpectations(() => now);
    expectations.expectCreations('ns/rs', 1);
    now = EXPECTATIONS_TIMEOUT_MS + 1;
    expect(expectations.satisfied('ns/rs')).toBe(true);
  });
});

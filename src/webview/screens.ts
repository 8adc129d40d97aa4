// The three faces of the webview: loading (with progress), the viewer itself, and an error message.
// Whatever happens, one of them is showing: the panel is never blank.
import { button, el } from './dom';

export type Screen = 'loading' | 'volume' | 'error';

export class Screens {
  private readonly loadingTitle = el('h1', 'mi-message-title');
  private readonly loadingText = el('p', 'mi-message-text');
  private readonly progress = el('progress', 'mi-progress', { 'aria-label': 'Loading progress' });
  private readonly errorText = el('p', 'mi-message-text', { role: 'alert' });
  /** What a view shows under the loading progress while it reads (the comparison's filling strip). */
  private readonly loadingDetail = el('div', 'mi-loading-detail');
  private readonly noticeText = el('span', 'mi-notice-text');
  private readonly loading: HTMLElement;
  private readonly error: HTMLElement;
  private readonly notice: HTMLElement;
  /** Stays while the file is shown: its geometry is unusable (or a declared transform was). */
  private readonly geometryBanner = el('div', 'mi-geometry-banner', { role: 'status' });
  current: Screen = 'loading';

  /**
   * `errorTitle`: the heading over error messages (the comparison editor speaks of two files);
   * `appTitle`: the view's level-one heading, for screen readers only (the tab already shows it);
   * `reopen`: the error view offers a Reopen button (the host reads the file, or both files, again
   * with a new worker); `description` says what it does.
   */
  constructor(
    root: HTMLElement,
    private readonly app: HTMLElement,
    errorTitle = 'This file cannot be shown',
    appTitle = 'Mask viewer',
    reopen?: { readonly onClick: () => void; readonly description: string },
  ) {
    // Each screen is the page's main landmark while it shows (hidden ones leave the accessibility tree).
    this.loading = el('main', 'mi-message mi-loading', {}, [el('div', undefined, { role: 'status' }, [this.loadingTitle, this.loadingText, this.progress]), this.loadingDetail]);
    this.loadingDetail.hidden = true;
    this.error = el('main', 'mi-message mi-error', {}, [
      el('h1', 'mi-message-title', {}, [errorTitle]),
      this.errorText,
      ...(reopen ? [button('Reopen', reopen.description, reopen.onClick, 'mi-button')] : []),
    ]);
    this.notice = el('div', 'mi-notice', { role: 'alert' }, [
      this.noticeText,
      button('Dismiss', 'Dismiss this message', () => this.showNotice(undefined), 'mi-button mi-small'),
    ]);
    this.notice.hidden = true;
    this.geometryBanner.hidden = true;
    app.prepend(this.geometryBanner, this.notice);
    (app.querySelector('main') ?? app).prepend(el('h1', 'mi-visually-hidden', {}, [appTitle]));
    root.append(this.loading, this.error, app);
    this.showLoading('', 'Opening…', null);
  }

  showLoading(fileName: string, message: string, fraction: number | null): void {
    this.loadingTitle.textContent = fileName ? `Loading ${fileName}` : 'Loading';
    this.loadingText.textContent = message;
    if (fraction === null) this.progress.removeAttribute('value');
    else this.progress.value = Math.min(1, Math.max(0, fraction));
    this.switchTo('loading');
  }

  /** Puts `detail` under the loading progress (moving it from where it was), or empties that place. */
  showLoadingDetail(detail: HTMLElement | undefined): void {
    if (detail) this.loadingDetail.replaceChildren(detail);
    else this.loadingDetail.replaceChildren();
    this.loadingDetail.hidden = detail === undefined;
  }

  showError(message: string): void {
    this.errorText.textContent = message;
    this.switchTo('error');
  }

  showVolume(): void {
    this.switchTo('volume');
  }

  /** A problem that leaves the mask on screen (e.g. a background on another grid). */
  showNotice(message: string | undefined): void {
    this.noticeText.textContent = message ?? '';
    this.notice.hidden = message === undefined;
  }

  /** The geometry banner's sentence (set with textContent: file names and header text stay text), or none. */
  showGeometryBanner(message: string | undefined): void {
    this.geometryBanner.textContent = message ?? '';
    this.geometryBanner.hidden = message === undefined;
  }

  private switchTo(screen: Screen): void {
    this.current = screen;
    this.loading.hidden = screen !== 'loading';
    this.error.hidden = screen !== 'error';
    this.app.hidden = screen !== 'volume';
  }
}

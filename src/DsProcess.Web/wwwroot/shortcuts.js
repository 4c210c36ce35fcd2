// Keyboard shortcuts, listed by "?" (the dialog in MainLayout.razor):
//   g b  the project's board (the project list outside a project)    g w  my work    g d  dashboard    g p  projects
//   /    the search box                                               ?    this list
//   s, d, b on an open task: start, mark done, block (its buttons carry data-shortcut).
// Never while typing in a field, with a modifier held, or while a dialog is open.
(() => {
    const goTo = {
        b: () => (location.pathname.match(/^\/projects\/[^/]+/) || ['/projects'])[0],
        w: () => '/my-work',
        d: () => '/dashboard',
        p: () => '/projects',
    };
    const typing = target => target instanceof Element
        && target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"]');
    const dialogOpen = () => document.querySelector('.mud-dialog-container, dialog[open]') !== null;
    const navigate = url => (window.Blazor ? window.Blazor.navigateTo(url) : location.assign(url));
    let awaitingTarget = 0;

    document.addEventListener('keydown', event => {
        if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || dialogOpen()) {
            return;
        }

        const key = event.key;
        if (awaitingTarget > Date.now() && goTo[key]) {
            awaitingTarget = 0;
            event.preventDefault();
            navigate(goTo[key]());
            return;
        }

        awaitingTarget = 0;
        if (key === 'g') {
            awaitingTarget = Date.now() + 1500;
        } else if (key === '/') {
            const box = document.getElementById('app-search');
            event.preventDefault();
            if (box && box.offsetParent !== null) {
                box.focus();
                box.select();
            } else {
                navigate('/search');
            }
        } else if (key === '?') {
            event.preventDefault();
            document.getElementById('shortcut-help')?.showModal();
        } else if (key === 's' || key === 'd' || key === 'b') {
            const button = document.querySelector(`[data-shortcut="${key}"]:not([disabled])`);
            if (button) {
                event.preventDefault();
                button.click();
            }
        }
    });
})();

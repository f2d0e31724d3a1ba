// The focused element: its text, whether it is inside the window, its contrast (WCAG).
() => {
      const el = document.activeElement;
      const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const s = getComputedStyle(el);
      const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))];
      const r = el.getBoundingClientRect();
      return {cls: el.className, text: el.textContent.trim(), opaque: !s.backgroundColor.includes('0)'),
              contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
              inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight};
    }

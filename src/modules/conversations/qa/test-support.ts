/** What the Q&A tests share: text a hostile member might post (the page test and the browser test use it). */

/** Each must come out as text, never as markup. */
export const HOSTILE = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)><circle /></svg>",
  "[click me](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1)) [y](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "<a href=\"javascript:alert(1)\">link</a>",
  "![img](javascript:alert(1)) ![i](x\" onerror=\"alert(1))",
  "<iframe src=\"https://evil.example\"></iframe>",
  "\"><script>alert(1)</script>",
  "<details open ontoggle=alert(1)>",
  "[a](<javascript:alert(1)>) <math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "@<script>alert(1)</script> @x\"onmouseover=alert(1)",
];


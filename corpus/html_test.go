package corpus

import "testing"

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in string
		want     Article // ID and Source are not compared
	}{
		{
			name: "script containing markup is skipped",
			in:   `<p>Before.</p><script>if (a < b) { x = "</p><p>fake"; }</script><p>After.</p>`,
			want: Article{Text: "Before.\n\nAfter."},
		},
		{
			name: "entities and inline tags",
			in:   `<p>Caf&eacute; &amp; bar &#8220;Lumi&#xE8;re&#8221;, run by <b>Ana</b> <i>Silva</i>&nbsp;since&nbsp;2001.</p>`,
			want: Article{Text: "Café & bar “Lumière”, run by Ana Silva since 2001."},
		},
		{
			name: "the largest article wins over teasers",
			in: `<article><p>Teaser one.</p></article><article><h1>Main</h1><p>The main story is much longer than any teaser on the page.</p>` +
				`<p>It has a second paragraph too.</p></article><article><p>Teaser two.</p></article>`,
			want: Article{Title: "Main", Text: "The main story is much longer than any teaser on the page.\n\nIt has a second paragraph too."},
		},
		{
			name: "main without article",
			in:   `<body><div><p>Outside main, a long paragraph of navigation-like text that is not in main.</p></div><main><p>Inside main, the actual story text is here and it is long enough.</p><p>More story.</p></main></body>`,
			want: Article{Text: "Inside main, the actual story text is here and it is long enough.\n\nMore story."},
		},
		{
			name: "furniture elements and classes",
			in: `<div><nav>Menu</nav><header>Site</header><p>Story text.</p><aside>Aside</aside><form>Search</form>` +
				`<figure><img src=x><figcaption>Caption</figcaption></figure><div class="social-share">Share</div>` +
				`<ul class="related-links"><li>Other story</li></ul><div hidden>Hidden</div><p aria-hidden="true">Hidden too</p>` +
				`<footer>Footer</footer><noscript>Enable JS</noscript><p>End.</p></div>`,
			want: Article{Text: "Story text.\n\nEnd."},
		},
		{
			name: "a furniture class on the wrapper is a wrong guess",
			in:   `<div class="post comments-enabled"><p>The whole story sits in a wrapper whose class name mentions comments.</p><p>Second paragraph.</p></div>`,
			want: Article{Text: "The whole story sits in a wrapper whose class name mentions comments.\n\nSecond paragraph."},
		},
		{
			name: "title from title tag without the site name",
			in:   `<head><title>Big news today | Daily Example</title><meta property="og:site_name" content="Daily Example"></head><p>Body.</p>`,
			want: Article{Title: "Big news today", Source: "Daily Example", Text: "Body."},
		},
		{
			name: "title from h1, repeated h1 dropped from text",
			in:   `<html><body><h1>Heading &amp; more</h1><p>Body text.</p></body></html>`,
			want: Article{Title: "Heading & more", Text: "Body text."},
		},
		{
			name: "metadata",
			in: `<meta name="author" content="Jo Lee"><meta property="og:url" content="https://e.com/x"><link rel="canonical" href="https://e.com/c">` +
				`<meta name="DC.date" content="4 May 2025"><p>By Someone Else</p><p>Body.</p>`,
			want: Article{Author: "Jo Lee", URL: "https://e.com/x", Date: "2025-05-04", Text: "Body."},
		},
		{
			name: "time element and canonical link",
			in:   `<link rel="canonical" href="https://e.com/c"><aside><time datetime="2001-01-01">old</time></aside><article><time datetime="2024-02-29T10:00">Thursday</time><p>Leap day story.</p></article>`,
			want: Article{URL: "https://e.com/c", Date: "2024-02-29", Text: "Thursday\n\nLeap day story."},
		},
		{
			name: "unclosed paragraphs, br and pre",
			in:   "<p>One<p>Two<br>Three<pre>Line A\n  Line   B</pre>",
			want: Article{Text: "One\n\nTwo\n\nThree\n\nLine A\n\nLine B"},
		},
		{
			name: "malformed markup never fails",
			in:   `<p>Kept.</p><p class="x>Text <b <<>> </ > <!-- an unterminated quote swallows the rest, as in browsers`,
			want: Article{Text: "Kept."},
		},
		{
			name: "stray angle brackets are text",
			in:   `<p>3 < 4 and 5 > 2, <3 <</p><p><!-- c --->a<!x>b<?pi?>c</ >d</p>`,
			want: Article{Text: "3 < 4 and 5 > 2, <3 <\n\nabcd"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Article{}
			parseHTML(&a, tt.in)
			a.ID = ""
			if a != tt.want {
				t.Errorf("got  %#v\nwant %#v", a, tt.want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in, title, text string
	}{
		{"atx title and inline markup", "# The *Big* Title #\n\nSome **bold**, _em_, `code`, [a link](http://x) and ![img](y.png) text.\n", "The Big Title", "Some bold, em, code, a link and text."},
		{"setext title", "Big Title\n=========\n\nBody here.", "Big Title", "Body here."},
		{"subheadings stay as paragraphs", "# T\n\nIntro.\n\n## Section Two\n\nBody.", "T", "Intro.\n\nSection Two\n\nBody."},
		{"lists, quotes and rules", "# T\n\n> Quoted text.\n\n* item one\n1. item two\n\n---\n\nEnd.", "T", "Quoted text.\n\nitem one\n\nitem two\n\nEnd."},
		{"code fences are dropped", "# T\n\n```go\nfunc main() {}\n```\n\nProse.", "T", "Prose."},
		{"escapes and snake_case survive", "# T\n\nA \\*literal\\* star and some_snake_case_name here.", "T", "A *literal* star and some_snake_case_name here."},
		{"no heading: headline rule applies", "Plain headline\n\nBody.", "Plain headline", "Body."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Article{}
			parseMarkdown(&a, tt.in)
			if a.Title != tt.title || a.Text != tt.text {
				t.Errorf("got Title %q Text %q\nwant Title %q Text %q", a.Title, a.Text, tt.title, tt.text)
			}
		})
	}
}

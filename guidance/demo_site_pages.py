# ruff: noqa: E501 - prose data: long string lines read better than artificially split ones
"""Starting text of the pages the footer links to: about, contact, privacy notice, accessibility statement.

Plain data for ``guidance.demo``. Every sentence is true of the portal as built; what only the LMC can
say (its registration numbers, reply times, review dates) is left as a marked gap, "[LMC to add: …]",
for the LMC to fill in before launch. The accessibility statement follows the structure of the GOV.UK
sample accessibility statement, claiming only what the portal's own checks show.
"""

GAP = "<p>[LMC to add: {}]</p>"

ABOUT = {
    "title": "About Humberside LMC",
    "slug": "about",
    "summary": "Who the Local Medical Committee is, what this website is for and who looks after it.",
    "body": (
        "<p>Humberside Local Medical Committee (LMC) is the statutory body that represents GP practices in Hull, "
        "the East Riding of Yorkshire, North Lincolnshire and North East Lincolnshire. It is independent of the "
        "hospitals, community services and other providers whose work this website's guidance covers, and it is "
        "not part of the NHS.</p>"
        "<h2>What this website is for</h2>"
        "<p>Work often crosses the boundary between general practice and hospitals or other providers without "
        "being agreed or funded. This website gives practices the LMC's guidance and reports on that interface, "
        "and two template letters they can send when work is pushed across it.</p>"
        "<h2>Who looks after it</h2>"
        "<p>The LMC's office edits the guidance, the reports and the wording of the letters.</p>"
        + GAP.format(
            "the committee's members and officers, and how practices can raise an interface problem."
        )
    ),
}

CONTACT = {
    "title": "Contact the LMC",
    "slug": "contact",
    "summary": "How to reach the LMC's office, and what not to send.",
    "body": (
        "<p>The LMC's address, phone number and email address are at the foot of every page.</p>"
        + GAP.format("office hours and how quickly the office replies.")
        + "<h2>Never send patient details</h2>"
        "<p>Do not send the LMC anything that identifies a patient: names, dates of birth, NHS numbers, hospital "
        "numbers or addresses. Each letter on this website can be downloaded as a copy without the patient's "
        "details to share with the LMC.</p>"
        "<h2>Clinical questions</h2>"
        "<p>The LMC cannot give clinical advice about a patient. Contact the provider caring for the patient, "
        "or your own clinical colleagues.</p>"
    ),
}

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "summary": "What this website does with information about you and your patients: what it keeps, and what it never keeps.",
    "body": (
        "<p>This website is run by Humberside LMC.</p>"
        + GAP.format(
            "the LMC's registration number with the Information Commissioner's Office and its data protection contact."
        )
        + "<h2>The letter forms</h2>"
        "<p>What you type into a letter form, including the patient's details, is used only to make the letter "
        "you asked for. The letter is made in the server's memory and sent straight back to your browser. "
        "Nothing you type is saved on the website, written to its logs or sent in its error reports.</p>"
        "<p>If you tick the box to remember your practice's details, they are kept in your own browser on your "
        "own device, not on the website. Patient details are never remembered.</p>"
        "<h2>Reporting an interface problem</h2>"
        "<p>When you report an interface problem, the LMC keeps what you send: your practice's ODS code and "
        "name, your role, the provider, the service, the kind of problem, the month it happened, what "
        "happened and its effect, and your email address if you give one. The form refuses patient "
        "identifiers such as NHS numbers, dates of birth, addresses and phone numbers. The LMC's officers "
        "read the reports and use them to raise problems with providers and the ICB. Figures published on "
        "this website show any number from 1 to 4 as “fewer than 5” and round the others to 5, so no "
        "practice or patient can be picked out.</p>"
        "<p>Your email address is deleted 12 months after your report, or after the period the LMC sets; "
        "the rest of the report is kept.</p>"
        + GAP.format("the lawful basis for keeping reports, and how long reports themselves are kept.")
        + "<h2>Counting a letter</h2>"
        "<p>If you choose to count a letter for the LMC when you make or download it, only the kind of letter, "
        "the provider (from the list), the kinds of request, the reasons and the month are kept: nothing "
        "about the patient, your practice or you.</p>"
        "<h2>Cookies</h2>"
        "<p>The letter forms set one cookie, called csrftoken, which protects them against forged "
        "submissions. It holds a random code and nothing about you. The website sets no analytics or "
        "advertising cookies and loads nothing from other websites.</p>"
        "<h2>Server logs</h2>"
        "<p>Like most websites, the server records each request: the address of the page asked for (without "
        "anything typed into a search or a form), the time, the result and the internet (IP) address it came "
        "from. The logs are used to keep the website working and secure, for example to slow down anyone "
        "sending too many requests.</p>"
        + GAP.format("how long server logs are kept.")
        + "<h2>Your rights</h2>"
        "<p>You can ask the LMC what information it holds about you, and ask it to correct or delete it. If "
        "you are unhappy with how the LMC has used your information, you can complain to the Information "
        "Commissioner's Office.</p>"
    ),
}

ACCESSIBILITY = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "summary": "How accessible this website is, what we know does not work well, and how to tell us about a problem.",
    "body": (
        "<p>This accessibility statement applies to the Humberside LMC interface portal: its guidance, reports, "
        "search and template letters.</p>"
        "<p>This website is run by Humberside LMC. We want as many people as possible to be able to use it. "
        "You should be able to:</p>"
        "<ul><li>change colours, contrast levels and fonts using your browser or device settings, including "
        "high-contrast (forced colours) modes</li>"
        "<li>zoom in up to 400% without the text spilling off the screen</li>"
        "<li>use the whole website with a keyboard alone</li>"
        "<li>use the website without JavaScript</li></ul>"
        "<h2>How accessible this website is</h2>"
        "<p>We know some parts of this website may not be fully accessible:</p>"
        "<ul><li>documents uploaded to the website (PDF and Word files) have not all been checked for "
        "accessibility, and some may not work well with screen readers</li></ul>"
        "<h2>Feedback and contact information</h2>"
        "<p>If you need information on this website in a different format, such as accessible PDF, large print "
        "or plain text, or you find a problem not listed on this page, contact the LMC using the details at the "
        "foot of this page.</p>"
        + GAP.format("how quickly the LMC will reply.")
        + "<h2>Enforcement procedure</h2>"
        "<p>If you contact us with a complaint about accessibility and you're not happy with our response, "
        "contact the Equality Advisory and Support Service (EASS).</p>"
        "<h2>Technical information about this website's accessibility</h2>"
        "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 AA standard.</p>"
        "<h3>Compliance status</h3>"
        "<p>This website has not yet been audited by an independent accessibility tester, so we do not claim "
        "that it is fully compliant with WCAG 2.2 AA. The content we know is not accessible is listed below.</p>"
        "<h3>Non-accessible content</h3>"
        "<p>Uploaded documents: not every PDF or Word document has been checked for headings, reading order "
        "and text alternatives.</p>"
        + GAP.format("how and when the LMC will check its documents.")
        + "<h2>What we're doing to improve accessibility</h2>"
        "<p>Every change to the website's pages is tested automatically with the axe accessibility checker "
        "against WCAG 2.2 AA, at desktop and mobile widths and in forced colours mode. The letter forms are "
        "also tested using a keyboard alone.</p>"
        "<h2>Preparation of this accessibility statement</h2>"
        + GAP.format(
            "the date this statement was prepared and last reviewed, and the date and method of any audit."
        )
    ),
}

SITE_PAGES = {
    # SiteIdentity field → the page it links from the footer, in footer order.
    "about_page": ABOUT,
    "contact_page": CONTACT,
    "privacy_page": PRIVACY,
    "accessibility_page": ACCESSIBILITY,
}

# The home page's "Most used guidance", by slug under "Interface guidance", in order.
MOST_USED_SLUGS = [
    "declined-referrals-advice-and-guidance",
    "workload-rejection-template-letter",
    "tasks-in-clinical-systems",
    "interface-private-providers",
    "medical-examiner-process-north-bank",
]

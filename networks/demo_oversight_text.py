"""What the demo networks' governance and annual cycle say (networks.demo_oversight loads it).
Every person, figure and event here is invented for demonstration: plausible in shape, not a
record of any real network. Years are written as {year} and {next_year}, so the reports read
true whichever year the demo is loaded in."""

from networks.cycle import Objective, Proposal
from networks.governance import Appointment

LEAD_CLINICIAN, MANAGER = Appointment.Post.LEAD_CLINICIAN, Appointment.Post.MANAGER
ON_TRACK, AT_RISK = Objective.Status.ON_TRACK, Objective.Status.AT_RISK
OFF_TRACK, DONE = Objective.Status.OFF_TRACK, Objective.Status.DONE

# Terms before the current holder's, oldest first: (post, name, from, to). The current
# holder (networks.demo.NETWORKS) starts the day after the last of these ends.
EARLIER_TERMS = {
    "nca": [(LEAD_CLINICIAN, "Mr Robert Gillanders", "2006-04-01", "2019-03-31")],
    "woscan": [
        (LEAD_CLINICIAN, "Dr Alan Cuthbert", "2002-06-01", "2009-05-31"),
        (LEAD_CLINICIAN, "Dr Frances Lyall", "2009-06-01", "2016-05-31"),
        (MANAGER, "Margaret Lennox", "2002-06-01", "2014-12-31"),
    ],
    "sarcoma": [(LEAD_CLINICIAN, "Professor Janet Forsyth", "2011-01-01", "2020-12-31")],
    "children-young-people": [(MANAGER, "Derek Muir", "2010-04-01", "2022-08-31")],
}

# (network, post, days ago): the holder's term ended then and no one holds the post yet, so
# the oversight page has a network without a lead clinician to show.
TERM_ENDED_WITHOUT_SUCCESSOR = ("mesothelioma", LEAD_CLINICIAN, 40)

# Each network's steering group, chair first: (name, role, board slug or organisation).
STEERING_GROUPS = {
    "nca": [
        ("Dr Eilidh Morrison", "Chair and lead clinician", "grampian"),
        ("Callum Reid", "Network manager", "grampian"),
        ("Fiona MacRae", "Lead cancer nurse", "highland"),
        ("Dr Andrew Sutherland", "Consultant clinical oncologist", "tayside"),
        ("Alison Rennie", "Lead cancer pharmacist", "tayside"),
        ("Dr Kenneth Isbister", "GP representative", "shetland"),
        ("Marion Stewart", "Allied health professions lead", "highland"),
        ("Donald MacLeod", "Patient representative", "Public partner, Western Isles"),
    ],
    "scan": [
        ("Dr Fiona Henderson", "Chair and lead clinician", "lothian"),
        ("Alasdair Grant", "Network manager", "lothian"),
        ("Morag Pringle", "Lead cancer nurse", "borders"),
        ("Dr Peter Hastie", "Consultant medical oncologist", "fife"),
        ("Tom Ballantyne", "Lead cancer pharmacist", "lothian"),
        ("Dr Graeme Maxwell", "Clinical lead for cancer audit", "dumfries-galloway"),
        ("Jean Rutherford", "Patient representative", "Public partner, Fife"),
    ],
    "woscan": [
        ("Professor Kenneth MacLeod", "Chair and lead clinician", "greater-glasgow-clyde"),
        ("Shona Campbell", "Network manager", "greater-glasgow-clyde"),
        ("Anne-Marie Docherty", "Lead cancer nurse", "ayrshire-arran"),
        ("Mr Ravi Chandran", "Surgical representative", "greater-glasgow-clyde"),
        ("Dr Eleanor Galbraith", "Haemato-oncology representative", "lanarkshire"),
        ("Iain Baxter", "Lead cancer pharmacist", "forth-valley"),
        ("Dr Lorna Gilchrist", "Consultant in public health", "lanarkshire"),
        ("Brian McGuire", "Patient representative", "Public partner, Ayrshire"),
    ],
    "sarcoma": [
        ("Mr Iain Fraser", "Chair and lead clinician", "greater-glasgow-clyde"),
        ("Kirsty Wallace", "Network manager", "greater-glasgow-clyde"),
        ("Dr Shirley Anderson", "Consultant clinical oncologist", "lothian"),
        ("Dr Colin Kelso", "Consultant musculoskeletal radiologist", "grampian"),
        ("Heather Baird", "Sarcoma clinical nurse specialist", "lothian"),
        ("Dr Ahmed Qureshi", "Consultant histopathologist", "tayside"),
        ("Laura Nicol", "Patient representative", "Sarcoma patient forum"),
    ],
    "neuro-oncology": [
        ("Dr Rhona Stewart", "Chair and lead clinician", "lothian"),
        ("Euan Docherty", "Network manager", "lothian"),
        ("Mr Paul Cowie", "Consultant neurosurgeon", "greater-glasgow-clyde"),
        ("Dr Sarah Lindsay", "Consultant clinical oncologist", "greater-glasgow-clyde"),
        ("Gail Thomson", "Lead nurse", "grampian"),
        ("Mark Ritchie", "Pharmacist", "tayside"),
        ("Dr Joanna Blair", "Consultant neuropsychologist", "lothian"),
        ("Alan Mitchell", "Patient and carer representative", "Brain tumour support group"),
    ],
    "children-young-people": [
        ("Dr Catriona Ross", "Chair and lead clinician", "greater-glasgow-clyde"),
        ("Neil Paterson", "Network manager", "greater-glasgow-clyde"),
        ("Dr Judith Munro", "Consultant paediatric oncologist", "lothian"),
        ("Dr Samuel Okafor", "Teenage and young adult lead", "greater-glasgow-clyde"),
        ("Claire McIntyre", "Lead nurse", "lothian"),
        ("Dr Angus Hay", "Shared care lead", "highland"),
        ("Fiona Darroch", "Pharmacist", "greater-glasgow-clyde"),
        ("Ellie Brown", "Young people's representative", "Young people's advisory group"),
    ],
    "neuroendocrine": [
        ("Dr Hamish Murray", "Chair and lead clinician", "tayside"),
        ("Lorna Kerr", "Network manager", "tayside"),
        ("Dr Priti Desai", "Consultant endocrinologist", "lothian"),
        ("Mr Gordon Lamont", "Consultant hepatobiliary surgeon", "greater-glasgow-clyde"),
        ("Dr Helen Cairns", "Nuclear medicine physician", "greater-glasgow-clyde"),
        ("Susan Mair", "Lead nurse", "grampian"),
        ("Robert Gray", "Patient representative", "Public partner, Tayside"),
    ],
    "mesothelioma": [
        ("Dr Neil Urquhart", "Chair (interim)", "lanarkshire"),
        ("Stuart Watson", "Network manager", "greater-glasgow-clyde"),
        ("Mr Michael Dunlop", "Consultant thoracic surgeon", "greater-glasgow-clyde"),
        ("Dr Karen Boyd", "Consultant medical oncologist", "lothian"),
        ("Jacqueline Reilly", "Lead nurse", "lanarkshire"),
        ("Dr Tariq Hussain", "Consultant pathologist", "greater-glasgow-clyde"),
        ("James Harkins", "Patient and family representative", "Public partner, Clydeside"),
    ],
    "acute-oncology": [
        ("Dr Moira Thomson", "Chair and lead clinician", "lanarkshire"),
        ("Graham Hughes", "Network manager", "lanarkshire"),
        ("Dr Rajesh Menon", "Consultant in acute medicine", "fife"),
        ("Lesley Brodie", "Lead nurse, acute oncology", "forth-valley"),
        ("Dr Kirsteen Ogilvie", "Consultant in emergency medicine", "grampian"),
        ("Scott Morrison", "Pharmacist", "ayrshire-arran"),
        ("Dr Isobel Gunn", "GP representative", "highland"),
    ],
}

# This year's work plan: (objective, owner, due (month, day), status, note). An objective
# whose status is not on track, or that has a note, was updated during the year.
WORK_PLANS = {
    "nca": [
        (
            "Agree a remote and island chemotherapy delivery model with the island boards",
            "Callum Reid",
            (9, 30),
            AT_RISK,
            "Orkney and the Western Isles have agreed the model; Shetland's decision waits on pharmacy staffing.",
        ),
        (
            "Bring the median wait from referral to first treatment for lung cancer under 50 days",
            "Dr Andrew Sutherland",
            (12, 31),
            OFF_TRACK,
            "The median is 58 days across the region: CT-guided biopsy capacity in Grampian "
            "fell with two radiology vacancies.",
        ),
        (
            "Publish a single regional schedule for prostate cancer active surveillance",
            "Dr Eilidh Morrison",
            (6, 30),
            DONE,
            "Published and adopted by all six boards.",
        ),
        (
            "Offer an electronic holistic needs assessment in every NCA board",
            "Fiona MacRae",
            (11, 30),
            ON_TRACK,
            "Live in five boards; the Western Isles follow once their staff are trained.",
        ),
        (
            "Agree regional travel guidance for patients coming to Aberdeen and Dundee for radiotherapy",
            "Marion Stewart",
            (10, 31),
            AT_RISK,
            "Drafted with the boards' transport leads; Highland's review of its travel policy may change it.",
        ),
    ],
    "scan": [
        (
            "Run the straight-to-test breast pathway in all four boards",
            "Alasdair Grant",
            (6, 30),
            DONE,
            "Running in all four boards since the spring.",
        ),
        (
            "Repeat the melanoma sentinel node biopsy audit with complete data",
            "Dr Graeme Maxwell",
            (9, 30),
            AT_RISK,
            "Dumfries & Galloway's data are incomplete again; a case-note review is filling the gap.",
        ),
        (
            "Agree the remaining twenty regional SACT protocols",
            "Tom Ballantyne",
            (12, 31),
            ON_TRACK,
            "Twelve agreed; the rest are with the protocol group.",
        ),
        (
            "Recruit two further patient representatives to the steering group",
            "Jean Rutherford",
            (8, 31),
            DONE,
            "Two public partners joined, from Fife and the Borders.",
        ),
    ],
    "woscan": [
        (
            "Narrow the gap between boards in ovarian cancer primary surgery rates to under 5 points",
            "Professor Kenneth MacLeod",
            (12, 31),
            ON_TRACK,
            "Quarterly board figures are shared with the MDTs; the gap is now 7 points.",
        ),
        (
            "Move colorectal cancer follow-up to patient-initiated follow-up in Ayrshire & Arran",
            "Anne-Marie Docherty",
            (9, 30),
            AT_RISK,
            "Waiting for the change to the board's outpatient system, now promised for the new year.",
        ),
        (
            "Start a smaller prehabilitation service for oesophago-gastric surgery",
            "Mr Ravi Chandran",
            (10, 31),
            OFF_TRACK,
            "No physiotherapy time has been released yet; the steering group will ask the boards again.",
        ),
        (
            "Prescribe 95% of SACT electronically",
            "Iain Baxter",
            (12, 31),
            ON_TRACK,
            "At 93%, with the last day unit moving over by the end of the year.",
        ),
        (
            "Report cervical cancer outcomes by deprivation quintile",
            "Dr Lorna Gilchrist",
            (11, 30),
            AT_RISK,
            "Data linkage approval is still awaited.",
        ),
        (
            "Publish the regional lymphoma MDT audit",
            "Dr Eleanor Galbraith",
            (5, 31),
            DONE,
            "Published; all four MDTs met the standards.",
        ),
    ],
    "sarcoma": [
        (
            "See 95% of people with suspected bone sarcoma within two weeks of referral",
            "Mr Iain Fraser",
            (12, 31),
            AT_RISK,
            "88% this year: MRI slots in the specialist centres remain the constraint.",
        ),
        (
            "Set up a national sarcoma nurse specialist forum",
            "Heather Baird",
            (9, 30),
            DONE,
            "Two meetings held; terms of reference agreed.",
        ),
        (
            "Submit the network's national audit dataset to Public Health Scotland",
            "Kirsty Wallace",
            (10, 31),
            OFF_TRACK,
            "The data manager post has been vacant since the spring; the bone sarcoma data are not collected.",
        ),
        (
            "Run a regional education day on soft tissue masses for each regional network",
            "Dr Colin Kelso",
            (11, 30),
            ON_TRACK,
            "",
        ),
    ],
    "neuro-oncology": [
        (
            "Submit the high-grade glioma review of the national pathway",
            "Dr Sarah Lindsay",
            (9, 30),
            DONE,
            "Submitted to the programme team as a minor change.",
        ),
        (
            "Offer every patient a named key worker within two weeks of diagnosis",
            "Gail Thomson",
            (12, 31),
            AT_RISK,
            "Three of the four centres do; recruitment in the fourth is under way.",
        ),
        (
            "Audit the time from MDT to the start of radiotherapy",
            "Dr Sarah Lindsay",
            (11, 30),
            ON_TRACK,
            "Data collected from all four centres.",
        ),
        (
            "Agree a neuro-rehabilitation referral route with allied health professionals",
            "Dr Joanna Blair",
            (12, 31),
            ON_TRACK,
            "",
        ),
        (
            "Give every centre access to neuropsychology",
            "Euan Docherty",
            (10, 31),
            AT_RISK,
            "Two centres have no neuropsychologist; a shared post is being costed.",
        ),
    ],
    "children-young-people": [
        (
            "Open the teenage and young adult unit in the north",
            "Dr Samuel Okafor",
            (10, 31),
            AT_RISK,
            "Building work finished; nursing recruitment is two posts short.",
        ),
        (
            "Agree late effects follow-up guidance with adult services",
            "Dr Judith Munro",
            (12, 31),
            ON_TRACK,
            "Agreed in draft; adult services are consulting their clinicians.",
        ),
        (
            "Keep fertility preservation discussion documented for every eligible patient",
            "Claire McIntyre",
            (6, 30),
            DONE,
            "97% documented at the half-year audit.",
        ),
        (
            "Renew the agreements with the seven shared care centres",
            "Neil Paterson",
            (9, 30),
            AT_RISK,
            "Five signed; two boards await legal review.",
        ),
    ],
    "neuroendocrine": [
        (
            "Publish a national somatostatin analogue prescribing protocol",
            "Dr Priti Desai",
            (5, 31),
            DONE,
            "Published and loaded into every board's prescribing system.",
        ),
        (
            "Audit access to radionuclide therapy for eligible patients",
            "Dr Helen Cairns",
            (11, 30),
            ON_TRACK,
            "",
        ),
        (
            "Link the remote boards to the national NET MDT by video",
            "Lorna Kerr",
            (9, 30),
            AT_RISK,
            "The video system's purchase is delayed; a temporary link is in use.",
        ),
    ],
    "mesothelioma": [
        (
            "Appoint a lead clinician",
            "Stuart Watson",
            (12, 31),
            AT_RISK,
            "The post is advertised; the steering group's chair covers it in the meantime.",
        ),
        (
            "Record asbestos exposure history for every new patient",
            "Jacqueline Reilly",
            (9, 30),
            DONE,
            "Recorded for every new patient since the spring.",
        ),
        (
            "Publish national guidance on pleural procedures for suspected mesothelioma",
            "Mr Michael Dunlop",
            (6, 30),
            DONE,
            "Published.",
        ),
        (
            "Offer every patient a discussion of clinical trials at MDT",
            "Dr Karen Boyd",
            (12, 31),
            OFF_TRACK,
            "Two trials closed to recruitment this year and none has replaced them.",
        ),
    ],
    "acute-oncology": [
        (
            "Agree a national guide to managing immunotherapy side effects",
            "Dr Moira Thomson",
            (6, 30),
            DONE,
            "Agreed and published on every board's intranet.",
        ),
        (
            "Train emergency department staff in every board in the neutropenic sepsis standard",
            "Dr Kirsteen Ogilvie",
            (10, 31),
            AT_RISK,
            "Training delivered in nine boards; five to go.",
        ),
        (
            "Set up a national acute oncology dataset",
            "Graham Hughes",
            (12, 31),
            ON_TRACK,
            "Fields agreed with the boards' information teams.",
        ),
    ],
}

# The latest report of each network in the annual cycle: where it stands now (the report
# before it is accepted for every one of them).
LATEST_REPORTS = {
    "scan": "returned, resubmitted and accepted",
    "children-young-people": "accepted",
    "neuroendocrine": "accepted",
    "mesothelioma": "accepted",
    "acute-oncology": "accepted",
    "nca": "returned",
    "woscan": "submitted",
    "neuro-oncology": "draft, due soon",
    "sarcoma": "draft, overdue",
}

# The programme team's comments on the latest reports it returned.
RETURN_COMMENTS = {
    "nca": "Thank you for a clear account of the year. Before we accept it: the audit section "
    "gives the lung cancer standard for the region only, and the steering group asked last year "
    "for each board's figure; please add them. The risks section should also say what the "
    "network will do about the radiology vacancies in Grampian, by when, and who owns it.",
    "scan": "Please add the results of the melanoma sentinel node audit your plans promised, or "
    "say why they are not ready, and name an owner for the risk to the 31-day standard in Fife.",
}

# A report's text: its summary opens with the network's `about`; its audit section gives the
# network's standard for `year` against the year before (`results`: the year before the
# earlier report, the earlier report's year, the latest's). A draft has only some sections.
REPORTS = {
    "nca": {
        "about": "brings together six boards, from Tayside to Shetland, to plan cancer care "
        "across the north of Scotland, where many patients live more than an hour from their "
        "treatment centre",
        "standard": "of people with lung cancer started treatment within 62 days of urgent "
        "referral",
        "target": "95%",
        "results": ("84%", "82%", "78%"),
        "earlier": {
            "highlight": "The year's main work was bringing radiotherapy planning for the "
            "island boards into one regional service, which shortened the wait from the "
            "decision to treat to the first fraction by six days.",
            "plan": (
                5,
                3,
                1,
                "Remote monitoring of oral SACT was met in part: it runs in "
                "Highland and Orkney, and Shetland's service waits for a second specialist nurse.",
            ),
            "pathways": "Clinicians from all six boards reviewed the national breast and "
            "prostate pathways in consultation; the network's comments on follow-up after "
            "breast surgery were taken into the published version. No regional guideline was "
            "past its review date at the end of {year}.",
            "quality": "The shortfall is mostly in the time from first CT to tissue diagnosis. "
            "Tayside met the standard in three quarters of the year; Grampian, which receives "
            "most island referrals, in none.",
            "plans": "In {next_year} the network will agree a remote and island chemotherapy "
            "model with the island boards and run a regional audit of active surveillance in "
            "prostate cancer.",
            "risks": "Two consultant radiologist posts in Grampian were vacant for most of the "
            "year, and waits for CT-guided biopsy grew. Each board meets island patients' "
            "travel costs differently, which the steering group has raised with the boards.",
        },
        "latest": {
            "highlight": "The prostate cancer active surveillance audit, the network's largest, "
            "was completed and led to one regional surveillance schedule. Lung cancer waiting "
            "times worsened, and the coming year's work is focused there.",
            "plan": (
                5,
                2,
                2,
                "The remote and island chemotherapy model is agreed with Orkney "
                "and the Western Isles; Shetland's decision depends on pharmacy staffing.",
            ),
            "pathways": "The network adopted the published lung and prostate pathways in every "
            "board within three months of publication, and reissued its regional upper GI "
            "referral guidance after review.",
            "quality": "Fewer people met the lung cancer standard than the year before. Waits "
            "for CT-guided biopsy account for most of the fall; the time from diagnosis to "
            "treatment held steady.",
            "plans": "The network will add a regional biopsy list shared between Aberdeen and "
            "Dundee, and offer an electronic holistic needs assessment in every board.",
            "risks": "Radiology vacancies in Grampian remain the largest risk to the lung cancer "
            "standard. The island chemotherapy model depends on each island board funding "
            "pharmacy time.",
        },
    },
    "scan": {
        "about": "links the cancer services of Borders, Dumfries & Galloway, Fife and "
        "Lothian, with specialist surgery and radiotherapy for the region concentrated in "
        "Lothian",
        "standard": "of people with breast cancer had their first treatment within 31 days of "
        "the decision to treat",
        "target": "95%",
        "results": ("96%", "97%", "95%"),
        "earlier": {
            "highlight": "A straight-to-test pathway for breast symptoms was piloted in Fife and "
            "Lothian, and the region kept the breast cancer waiting time standards all year.",
            "plan": (
                4,
                3,
                0,
                "The regional SACT protocol set was carried forward: agreeing "
                "sixty protocols across four boards proved longer work than planned.",
            ),
            "pathways": "The network led the region's response to the consultation on the head "
            "and neck pathway, and held two clinical sessions on the melanoma pathway's new "
            "section on adjuvant treatment.",
            "quality": "All four boards met the standard. Dumfries & Galloway, which refers some "
            "patients to Lothian for surgery, met it in every quarter for the first time.",
            "plans": "The straight-to-test pathway will be extended to the Borders and Dumfries "
            "& Galloway, and the network will audit sentinel node biopsy in melanoma against "
            "the national pathway.",
            "risks": "Breast radiology depends on a few consultants in two boards. The SACT "
            "protocol work relies on pharmacists' time that boards give without backfill.",
        },
        "latest": {
            "highlight": "The straight-to-test breast pathway now runs in all four boards, and "
            "forty of the sixty regional SACT protocols are agreed. The breast cancer standard "
            "was met, but only just.",
            "plan": (
                4,
                2,
                1,
                "The melanoma sentinel node audit was met in part: data from "
                "Dumfries & Galloway were incomplete, and a case-note review is filling the gap.",
            ),
            "pathways": "The network adopted the published melanoma and ovarian pathways and "
            "withdrew its own regional documents for both, so that clinicians in the region "
            "follow the national text.",
            "quality": "Fife fell below the standard in two quarters, when theatre lists were "
            "lost to winter pressures.",
            "plans": "The network will finish the SACT protocol set, move the region to one "
            "electronic prescribing system, and repeat the melanoma audit with complete data.",
            "risks": "Winter theatre pressures threaten the 31-day standard in Fife. Pharmacy "
            "workforce remains a risk to the SACT protocol work.",
        },
        # What the network added when the programme returned its latest report.
        "added_on_resubmission": {
            "audit_and_quality": "The melanoma audit found sentinel node biopsy offered to 71% "
            "of eligible patients, against the pathway's aim of 80%; Dumfries & Galloway's "
            "figure is provisional until the case-note review ends.",
            "risks": "The network manager owns the risk to the 31-day standard in Fife and "
            "reports on it to every steering group meeting.",
        },
    },
    "woscan": {
        "about": "plans and coordinates cancer services for Ayrshire & Arran, Forth Valley, "
        "Greater Glasgow & Clyde and Lanarkshire, the largest of the three regions by the "
        "population it serves",
        "standard": "of people with colorectal cancer were discussed at a multidisciplinary "
        "team meeting before treatment",
        "target": "95%",
        "results": ("93%", "96%", "97%"),
        "earlier": {
            "highlight": "The network drafted regional standards for lymphoma MDTs and agreed a "
            "plan to reduce the variation between boards in ovarian cancer surgery rates. "
            "Electronic SACT prescribing reached every day unit but two.",
            "plan": (
                6,
                4,
                1,
                "Patient-initiated follow-up for colorectal cancer was carried "
                "forward: it needs a change to each board's outpatient system.",
            ),
            "pathways": "WoSCAN clinicians chaired the national ovarian and cervical pathway "
            "groups, and the region answered the consultation on the oesophago-gastric "
            "pathway. Regional prescribing protocols were updated for every change the "
            "national pathways made.",
            "quality": "The standard was met for the first time, after Lanarkshire added a "
            "second weekly colorectal MDT meeting.",
            "plans": "The network will publish the lymphoma MDT standards, start prehabilitation "
            "for oesophago-gastric surgery, and report cervical cancer outcomes by deprivation.",
            "risks": "Prehabilitation needs exercise physiologists the boards do not yet employ. "
            "The deprivation analysis depends on data linkage approvals outside the network's "
            "control.",
        },
        "latest": {
            "highlight": "The lymphoma MDT standards were published and adopted by all four "
            "MDTs, and the gap between boards in ovarian cancer surgery rates narrowed. "
            "Prehabilitation for oesophago-gastric surgery did not start: the funding bid "
            "failed.",
            "plan": (
                6,
                3,
                2,
                "Prehabilitation is carried forward as a smaller service the "
                "steering group will consider, using existing physiotherapy staff.",
            ),
            "pathways": "The region adopted the published ovarian, cervical and lung pathways. "
            "The lymphoma MDT standards are linked from the national lymphoma pathway as local "
            "practice.",
            "quality": "Ovarian cancer primary surgery rates now differ between boards by 9 "
            "percentage points, down from 14.",
            "plans": "Patient-initiated colorectal follow-up will be completed in Ayrshire & "
            "Arran, and cervical cancer outcomes reported by deprivation once linkage is "
            "approved.",
            "risks": "Without prehabilitation, oesophago-gastric surgery outcomes in the west may "
            "fall behind other regions. Linkage approval for the deprivation analysis is still "
            "awaited.",
        },
    },
    "sarcoma": {
        "about": "is the national network for bone and soft tissue sarcoma, rare cancers of "
        "which Scotland sees a few hundred new cases a year, treated in two specialist centres",
        "standard": "of people with suspected bone sarcoma were seen by the specialist team "
        "within two weeks of referral",
        "target": "95%",
        "results": ("86%", "90%", "88%"),
        "earlier": {
            "highlight": "The network drafted national imaging guidance for soft tissue masses "
            "and held its first education day for radiologists from every board. Referrals to "
            "the specialist MDT rose by a tenth.",
            "plan": (
                4,
                2,
                1,
                "The national audit dataset was met in part: a full year was "
                "collected for soft tissue sarcoma, and bone sarcoma will follow.",
            ),
            "pathways": "The network reviewed its national referral guidance and reissued it "
            "unchanged. Its guidance is linked from every board's cancer referral pages.",
            "quality": "The centres met the standard in every quarter but the summer one, when "
            "MRI capacity in Glasgow was reduced while a scanner was replaced.",
            "plans": "The network will publish the imaging guidance, set up a forum for sarcoma "
            "nurse specialists, and submit its audit dataset to Public Health Scotland.",
            "risks": "The network depends on a single data manager post. Imaging slots in the "
            "specialist centres limit the two-week standard.",
        },
        "latest": {
            "highlight": "The imaging guidance for soft tissue masses was published and sent to "
            "every board's radiology lead.",
        },
    },
    "neuro-oncology": {
        "about": "is the national network for adults with brain and central nervous system "
        "tumours, bringing together the four neuro-oncology centres and the boards that refer "
        "to them",
        "standard": "of people with high-grade glioma started radiotherapy within six weeks "
        "of surgery",
        "target": "90%",
        "results": ("84%", "87%", "89%"),
        "earlier": {
            "highlight": "The network agreed national advice for patients on driving after "
            "seizures and began reviewing the high-grade glioma section of the national "
            "pathway.",
            "plan": (
                5,
                3,
                2,
                "Key worker allocation was met in part: three of the four centres "
                "name a key worker for every patient within two weeks of diagnosis.",
            ),
            "pathways": "The review of the high-grade glioma section began, with the four "
            "centres' MDTs consulted on follow-up imaging intervals.",
            "quality": "Two centres met the standard in every quarter. In the others the wait "
            "was for radiotherapy planning, not recovery from surgery.",
            "plans": "The network will finish the high-grade glioma review, audit the time from "
            "MDT to radiotherapy, and agree a neuro-rehabilitation referral route.",
            "risks": "Specialist nurse recruitment in the fourth centre has failed twice. "
            "Neuropsychology is available in only two centres.",
        },
        "latest": {
            "highlight": "The high-grade glioma section of the national pathway was reviewed and "
            "its changes submitted to the programme team. Every centre but one now names a key "
            "worker within two weeks.",
            "plan": (
                5,
                3,
                1,
                "The neuro-rehabilitation referral route is carried forward; "
                "allied health professionals in two boards asked to be consulted first.",
            ),
            "pathways": "The network's proposed changes to the high-grade glioma section went to "
            "national review as a minor change.",
        },
    },
    "children-young-people": {
        "about": "is the national network for children, teenagers and young adults with "
        "cancer: specialist treatment in the principal treatment centres, and care close to "
        "home through shared care centres in other boards",
        "standard": "of children and young people had a documented discussion of fertility "
        "preservation before treatment",
        "target": "95%",
        "results": ("89%", "93%", "97%"),
        "earlier": {
            "highlight": "The network brought teenage and young adult services fully into its "
            "work, with one MDT for young people aged 16 to 24 across Scotland.",
            "plan": (
                4,
                2,
                1,
                "The late effects guidance was carried forward: adult services "
                "asked for more time to consult their clinicians.",
            ),
            "pathways": "The network keeps its national treatment guidance in step with the "
            "international trial protocols its centres follow; eleven guidance documents were "
            "reviewed in the year.",
            "quality": "Documentation rose after the network added a prompt to the treatment "
            "consent form.",
            "plans": "The network will agree late effects follow-up with adult services, renew "
            "its shared care agreements, and open a teenage and young adult unit in the north.",
            "risks": "The new unit depends on recruiting specialist nurses. The shared care "
            "agreements with seven boards fall due for renewal at the same time.",
        },
        "latest": {
            "highlight": "Fertility preservation discussion is now documented for nearly every "
            "patient, and the late effects guidance is agreed in draft with adult services. "
            "The teenage and young adult unit in the north is built but not yet fully staffed.",
            "plan": (
                4,
                2,
                1,
                "The late effects guidance was met in part: agreed in draft, "
                "with adult services' consultation still open.",
            ),
            "pathways": "Nine guidance documents were reviewed, and two withdrawn as superseded "
            "by trial protocols.",
            "quality": "The standard was met for the first time.",
            "plans": "The network will open the teenage and young adult unit once staffed, and "
            "sign the renewed shared care agreements.",
            "risks": "Nursing recruitment for the new unit is two posts short. Two boards' legal "
            "reviews are delaying the shared care agreements.",
        },
    },
    "neuroendocrine": {
        "about": "is the national network for neuroendocrine tumours, uncommon cancers that "
        "arise in many organs and need endocrinology, surgery, oncology and nuclear medicine "
        "working together",
        "standard": "of new patients were discussed at the national NET MDT within four weeks "
        "of diagnosis",
        "target": "90%",
        "results": ("78%", "85%", "91%"),
        "earlier": {
            "highlight": "The national NET MDT moved to a weekly meeting, and referrals from the "
            "island and rural boards doubled.",
            "plan": (
                3,
                2,
                0,
                "The radionuclide therapy audit was carried forward: the data "
                "sharing agreement with the treating centre took most of the year.",
            ),
            "pathways": "The network drafted a national somatostatin analogue prescribing "
            "protocol and consulted every board's pharmacy on it.",
            "quality": "The weekly meeting brought the median time to discussion down from five "
            "weeks to three.",
            "plans": "The network will publish the prescribing protocol and audit access to "
            "radionuclide therapy.",
            "risks": "Remote boards join the MDT on an old video system that fails often.",
        },
        "latest": {
            "highlight": "The somatostatin analogue prescribing protocol was published, and the "
            "national MDT met its standard for the first time.",
            "plan": (
                3,
                2,
                0,
                "Linking the remote boards by video is carried forward while the "
                "new system is bought.",
            ),
            "pathways": "The prescribing protocol is loaded in every board's prescribing system "
            "and linked from the national pathway's systemic therapy section.",
            "quality": "Every board's patients were discussed within the standard's four weeks "
            "in at least three quarters of the year.",
            "plans": "The network will complete the radionuclide therapy audit and set up the "
            "video link.",
            "risks": "The purchase of the video system is delayed; a temporary link is in use.",
        },
    },
    "mesothelioma": {
        "about": "is the national network for mesothelioma, a cancer linked to past asbestos "
        "exposure that remains most common where shipbuilding and heavy industry once were",
        "standard": "of patients were offered a discussion of clinical trials at MDT",
        "target": "80%",
        "results": ("74%", "71%", "62%"),
        "earlier": {
            "highlight": "The network began recording asbestos exposure history at diagnosis, "
            "which patients and families need for compensation claims.",
            "plan": (
                4,
                2,
                1,
                "The pleural procedures guidance was carried forward for a further "
                "round of comment from respiratory physicians.",
            ),
            "pathways": "The network reviewed the mesothelioma sections of the national lung "
            "pathway with the lung pathway group.",
            "quality": "Fewer trials were open than the year before, and the figure fell with "
            "them.",
            "plans": "The network will publish the pleural procedures guidance and record "
            "exposure history for every new patient.",
            "risks": "Trial availability is outside the network's control.",
        },
        "latest": {
            "highlight": "The pleural procedures guidance was published, and exposure history is "
            "now recorded for every new patient.",
            "plan": (
                4,
                3,
                0,
                "Trial discussion at MDT is carried forward: two trials closed to "
                "recruitment during the year.",
            ),
            "pathways": "The guidance on pleural procedures is linked from the national lung "
            "pathway's diagnosis section.",
            "quality": "The fall follows the closure of two trials; the network has asked the "
            "cancer research network to open a replacement in Scotland.",
            "plans": "The network will work with the research network on trial access and "
            "agree national follow-up guidance.",
            "risks": "With few trials open, the standard will be missed again.",
        },
    },
    "acute-oncology": {
        "about": "is the national network for acute oncology: the urgent care of people who "
        "become unwell with cancer or its treatment, wherever in Scotland they arrive",
        "standard": "of people with suspected neutropenic sepsis had antibiotics within an "
        "hour of arrival",
        "target": "90%",
        "results": ("79%", "83%", "86%"),
        "earlier": {
            "highlight": "The network agreed a national acute oncology assessment tool, now used "
            "in the emergency departments of eleven boards.",
            "plan": (
                3,
                2,
                1,
                "The immunotherapy side effects guide was met in part: agreed "
                "in draft, with pharmacy review to follow.",
            ),
            "pathways": "The network advised the national pathway groups on the acute "
            "management sections of the lung and lymphoma pathways.",
            "quality": "Boards using the assessment tool did better than those not yet using "
            "it, by eleven points.",
            "plans": "The network will publish the immunotherapy guide and train emergency "
            "department staff in every board.",
            "risks": "Emergency department staff turnover means training must be repeated "
            "every year.",
        },
        "latest": {
            "highlight": "The immunotherapy side effects guide was published, and the sepsis "
            "standard improved for the third year running.",
            "plan": (
                3,
                2,
                1,
                "Emergency department training was met in part: nine boards trained, five to go.",
            ),
            "pathways": "The immunotherapy guide is linked from every national pathway with a "
            "systemic therapy section.",
            "quality": "Seven boards met the standard in every quarter.",
            "plans": "The network will finish the training and set up a national acute oncology "
            "dataset.",
            "risks": "The dataset needs information staff time the boards have not yet committed.",
        },
    },
}

# Proposals for new national networks. Days count back from the day the demo is loaded.
PROPOSAL_APPROVED_DAYS_AGO = 150
PROPOSALS = [
    {
        "area": "Testicular and other germ cell tumours",
        "grounds": [Proposal.Ground.LOW_VOLUMES, Proposal.Ground.WORKFORCE],
        "case": "A few hundred people a year are treated for germ cell tumours in Scotland, "
        "most of them young men, in four centres. Retroperitoneal surgery after chemotherapy is "
        "done by a handful of surgeons, and follow-up schedules differ from centre to centre. "
        "A national network would agree one pathway, one surgical referral route and one "
        "follow-up schedule.",
        "proposed_by": "Mr Duncan Frew, consultant urologist, for the urology leads of the "
        "three regional networks",
        "received_days_ago": 330,
        "boards": ["grampian", "greater-glasgow-clyde", "lothian", "tayside"],
        "decision": Proposal.Decision.APPROVED,
        "decided_days_ago": PROPOSAL_APPROVED_DAYS_AGO,
        "reason": "Low volumes and a small specialist surgical workforce make a national "
        "approach the right one. Approved for set-up, with a first work plan and steering "
        "group due within a year.",
        "network": "germ-cell-tumours",
    },
    {
        "area": "Non-melanoma skin cancer",
        "grounds": [Proposal.Ground.EQUITY],
        "case": "Waits for skin cancer surgery differ widely between boards, and a national "
        "network could share capacity and standardise referral.",
        "proposed_by": "Dr Claire Gow, consultant dermatologist",
        "received_days_ago": 520,
        "boards": ["fife"],
        "decision": Proposal.Decision.DECLINED,
        "decided_days_ago": 430,
        "reason": "Non-melanoma skin cancer is common and treated in every board: the "
        "regional networks' dermatology groups are the place for this work, and have agreed "
        "to take on referral standards.",
    },
    {
        "area": "Anal cancer",
        "grounds": [Proposal.Ground.LOW_VOLUMES, Proposal.Ground.EQUITY],
        "case": "Around a hundred people a year are diagnosed with anal cancer in Scotland. "
        "Chemoradiotherapy is given in four centres, and the proposers believe outcomes and "
        "access to salvage surgery vary between them.",
        "proposed_by": "Dr Ruth Allardyce, consultant clinical oncologist, with colorectal "
        "surgeons from two regions",
        "received_days_ago": 210,
        "boards": ["greater-glasgow-clyde", "lanarkshire", "lothian"],
        "decision": Proposal.Decision.DEFERRED,
        "decided_days_ago": 75,
        "reason": "Deferred until the regional networks' audit of anal cancer treatment reports: "
        "the case rests on variation in outcomes that the audit will measure.",
    },
    {
        "area": "Penile cancer",
        "grounds": [
            Proposal.Ground.LOW_VOLUMES,
            Proposal.Ground.WORKFORCE,
            Proposal.Ground.EQUITY,
        ],
        "case": "Fewer than a hundred men a year are diagnosed with penile cancer in Scotland, "
        "and organ-sparing surgery and inguinal lymph node staging are offered by few "
        "surgeons. Men in the north and the islands travel furthest and wait longest. The "
        "proposers ask for a national network to agree one pathway, concentrate surgery in "
        "two centres and offer follow-up close to home.",
        "proposed_by": "Ms Alison Crerar, consultant urological surgeon, with the urology MDT "
        "leads of Grampian, Greater Glasgow & Clyde and Lothian",
        "received_days_ago": 40,
        "boards": ["grampian", "greater-glasgow-clyde", "highland", "lothian", "tayside"],
        "decision": Proposal.Decision.PENDING,
    },
]

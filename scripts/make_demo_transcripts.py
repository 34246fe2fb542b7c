"""Write the demo interviews in transcripts/ from the fictional talk in this file.

    .venv/bin/python scripts/make_demo_transcripts.py

Seven FICTIONAL interviews, written for this project (no real person, no text
from any evaluation report), at least one per shipped topic guide, each in a
format a real project receives: a transcriber's .docx with bold labels, a typed
.txt with I:/R:, two timestamped .txt styles, a Teams .vtt with voice tags, a
Zoom-like .srt, and a Zoom .vtt of a paired interview (one interviewer, two
respondents). Each runs to 1,300-2,200 words of talk, with the hesitations,
paraphrased questions, follow-ups and asides of real interviews, and leaves one
or two of its guide's key questions unasked, so coverage has misses to show.

Interviewer turns that ask a guide question carry the first words of that
question's label (``ask``), which the alignment test reads as the answer key;
follow-ups ("Can you say a bit more about that?"), asides and closing thanks
carry None. Re-running rewrites the same files byte for byte (fixed times, no
dates).
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HEADING = "FICTIONAL DEMO INTERVIEW — written for this project; no real person"
OUT = Path(__file__).resolve().parents[1] / "transcripts"


@dataclass
class Interview:
    file: str
    guide: str
    interviewer: str
    respondent: str
    attributes: dict[str, str]
    # ("I", text, ask-prefix|None) for the interviewer; ("R", text) for the respondent,
    # ("R2", text) for the second respondent of a paired interview.
    turns: list[tuple] = field(default_factory=list)
    respondent2: str = ""

    def name(self, who: str) -> str:
        return {"I": self.interviewer, "R": self.respondent, "R2": self.respondent2}[who]


STAKEHOLDER = Interview(
    file="stakeholder_joint_commissioning.docx",
    guide="stakeholder",
    interviewer="Helen Carter",
    respondent="Graham Whitfield",
    attributes={
        "respondent_type": "stakeholder",
        "area": "National",
        "wave": "1",
        "interview_date": "2015-02-10",
        "interviewer": "HC",
    },
    turns=[
        ("I", "Thanks again for making time for this. Before we get going, are you happy for me to record?", None),
        ("R", "Yes, that's fine, go ahead."),
        (
            "I",
            "Great. So, to start us off, could you give me a general overview of your organisation and the part it played in the Employment and Reoffending pilot?",
            "Can you give me a general overview of your organisation",
        ),
        (
            "R",
            "Sure. So we're, well, I was sitting in the policy side of the department at the time, the reducing reoffending side rather than the operational prisons side. Our role in the pilot was really the commissioning end. We weren't delivering anything on the ground. We were there to shape what was being bought, to make the case for it internally, and then to work alongside the other department on the actual specification.\n\nI'd say we were more strategic than anything. There were people much closer to procurement than me, and I'd always point you to them for the detail of the contracting.",
        ),
        (
            "I",
            "And what was your own job at that point, when the pilot was being designed?",
            "Could you give me an overview of your job at the time",
        ),
        (
            "R",
            "I was a policy lead, a grade seven, and I'd been in that post about eighteen months when the pilot idea first came up. My responsibilities were the employment strand of the reoffending work, so anything about prisoners getting into work after release, benefits on release, that kind of thing. I sat in on the programme board and I drafted a lot of the early submissions to ministers. Before that I'd been on the benefits side, funnily enough, which helped.",
        ),
        (
            "I",
            "Okay. Stepping back a bit, what would you say the main aims of the pilot itself were, as you understood them?",
            "Can you tell me what you understand to be the main aims",
        ),
        (
            "R",
            "In a sentence, to see whether paying a provider for reducing reoffending, on top of paying them for getting people into work, changed what they actually did with short-sentence prisoners. That group had almost nothing at the time. Under twelve months, no supervision after release, they'd walk out with the discharge grant and that was that.\n\nSo it was partly about getting them onto employment support from the first day, and partly a test of the incentive. Does the extra money make a provider work differently, or do they carry on as before and bank it?",
        ),
        (
            "I",
            "And how were the lessons from it expected to feed into policy making later on?",
            "How will the lessons learned from this pilot contribute",
        ),
        (
            "R",
            "Well, that was the plan, anyway. The bigger reforms came along rather faster than the pilot could report, if I'm honest. Erm, so a lot of the learning went across informally. People who'd worked on it moved on to the probation reforms and took it with them, particularly on data and on how you put a price on an outcome. The formal findings will probably land after the big decisions. That's not unusual, sadly.",
        ),
        (
            "I",
            "Okay. What did you see as the key drivers behind deciding to commission it jointly, rather than one department going it alone?",
            "What did you understand to be the key drivers behind the decision",
        ),
        (
            "R",
            "Honestly, I think the biggest driver was that both departments were paying for the same people and neither was getting the outcome it wanted. We had the reoffending bill, they had the benefits bill, and the same short-sentence prisoners were cycling through both. So there was a kind of obvious logic that if you joined up the funding you could pay a provider for the thing that actually matters to both of us.\n\nThere was also a ministerial push, to be fair. Payment by results was very much the flavour of the time and there was an appetite to show that two departments could do it together. And I think some people hoped there'd be efficiencies, you know, one procurement instead of two. Whether that's how it worked out is another question.",
        ),
        ("I", "Can you say a bit more about that, the push from the top?", None),
        (
            "R",
            "Erm, yes. I mean, without going into who said what, there were ministers on both sides who were keen to be seen working together. So there was a top-down push, and we, the officials, were then working out how to make it real. That isn't a criticism. Sometimes you need that push or nothing moves. But the timetable was fixed before the detail was, and we spent the following year catching up with ourselves.",
        ),
        (
            "I",
            "Mm. And in your view what are the main benefits of doing it jointly?",
            "What do you think are the key benefits of joint commissioning",
        ),
        (
            "R",
            "The main benefit is alignment. If the provider is paid on employment and on reoffending, they have a reason to care about both, and they can't just cream off the people who are easy to get into work. For the participants, in theory, it's less complexity, one provider rather than three different schemes all wanting a piece of them. For government, there's a shared evidence base, which I think is underrated. We'd never had matched data between the two departments at that scale before.",
        ),
        (
            "I",
            "And the flip side, what did you see as the main risks associated with commissioning jointly?",
            "What do you see as the main risks associated with joint commissioning",
        ),
        (
            "R",
            "Governance, mainly. Two sets of accounting officers, two sets of lawyers, two sets of ministers. Every decision took twice as long because it had to go round both houses. There was a real financial risk too, in that nobody was quite sure how the reoffending payment would be counted across two budgets, and that made finance colleagues very nervous. Operationally, the risk was that the provider would end up serving two masters with slightly different priorities.",
        ),
        ("I", "Sorry, when you say both houses, you mean the two departments?", None),
        (
            "R",
            "Yes, sorry, both departments. It's a habit. Our deputy director, Fiona, used to call it the two-house problem, and the name stuck.",
        ),
        (
            "I",
            "Right, let's move on to the design itself. How did the idea of having a Provider A and a Provider B come about?",
            "Can you explain how the ‘Provider A vs. Provider B model’ came about",
        ),
        (
            "R",
            "That came out of the evaluation conversations, really. The analysts were very clear that if you just gave the incentive to everyone, you'd have nothing to compare against. So the idea was that in each area one provider gets the extra reoffending incentive and the other carries on with the standard arrangement, and prisoners are allocated between them more or less at random. It's a neat idea on paper. In practice it meant some awkward conversations with providers who felt they'd been given the short straw.",
        ),
        (
            "I",
            "And do you think that design gives an accurate counterfactual, a fair way of measuring what difference the incentive makes?",
            "Does the design provide an accurate counterfactual",
        ),
        (
            "R",
            "On paper it's about as good as you'll get without a full trial. In practice there are wrinkles. The two providers aren't identical organisations, so if Provider A does better you can't be sure it's the incentive rather than them simply being a better provider. And advisers move between providers and sit in the same local meetings, so good ideas leak across. A decent indication rather than a clean answer, I'd say.",
        ),
        (
            "I",
            "What about the binary measure of reoffending, the yes or no measure used to assess provider performance? What are the advantages and disadvantages of that?",
            "What are the advantages and disadvantages of the binary measure",
        ),
        (
            "R",
            "The advantage is that it's simple and everybody understands it. Did the person reoffend within the period or not. The disadvantage, and this was raised at the time, is that once somebody has reoffended, the provider has no financial reason to keep working with them. You lose the people who are most prolific, and they're exactly the ones you want a provider to stick with. A frequency measure would have been fairer, but it's harder to explain and harder to audit, so the binary measure won.",
        ),
        (
            "I",
            "Can you tell me why attachment fees were included in this pilot?",
            "Can you tell me why attachment fees were in this pilot",
        ),
        (
            "R",
            "The attachment fee was there to get providers to actually pick people up at the gate. Short-sentence prisoners are hard to engage, and without some money up front the worry was providers would just not bother until the person walked into an office. The disadvantage is obvious, you can end up paying for attachments that never turn into anything. We argued about the level for weeks.",
        ),
        ("I", "And how were the pilot areas chosen?", "How were the pilot areas selected"),
        (
            "R",
            "Partly on volumes, you needed enough releases to detect an effect, and partly on which areas had prisons that could cope with the extra activity. There was also a practical question of which providers were willing. I wouldn't pretend it was a purely scientific selection.\n\nSorry, can you bear with me one second? That's my phone, I thought I'd switched it off. Right, it's off now. Sorry about that.",
        ),
        (
            "I",
            "No problem at all. Thinking about the design stage, how effective was communication between the two departments?",
            "How effective was communication between the two departments",
        ),
        (
            "R",
            "Better at the working level than at the top, I'd say. Me and my opposite number, Dev, over the road, we spoke most days, we'd just pick up the phone. Where it got stuck was clearance, because each side had its own process, and a paper could sit in one department's system for a fortnight while the other side assumed it had gone through. Once or twice something agreed at our level was unpicked higher up, which was, erm, frustrating, let's say.",
        ),
        (
            "I",
            "You mentioned data earlier. Were there issues around sharing or matching data between the departments?",
            "Were there any issues around sharing or matching",
        ),
        (
            "R",
            "Oh, yes. That was the single biggest headache. To pay on reoffending you need to know who reoffended, which means matching benefit records to criminal records, and the two systems don't share an identifier. You end up matching on name and date of birth, which is fine until someone has used three spellings of their name. Then there's the legal side, what gateway lets you share it at all, and that took months.",
        ),
        (
            "I",
            "Let's talk about procurement. Could you give me an overview of how the joint procurement process worked?",
            "Could you please give me an overview of the joint procurement process",
        ),
        (
            "R",
            "It was run through the existing framework, which helped, because the providers were already there. But we had to write a specification that both departments' lawyers were happy with, and that took much longer than anyone planned. My role was mostly on the specification side, making sure the reoffending outcome was described properly. There were a couple of points where it nearly stalled, mainly over data sharing, because the providers needed to know who had reoffended and that data belongs to us, not to them.",
        ),
        (
            "I",
            "And how did that differ from other procurement processes you'd been involved in?",
            "How did this process differ to other procurement processes",
        ),
        (
            "R",
            "Slower, mainly. Normally you've got one set of commercial people and one approval route. Here every document needed sign-off from both. The upside was that going through an existing framework kept the competition itself fairly light. So it was an odd mix, very heavy on governance and quite light on the actual competition.",
        ),
        (
            "I",
            "Have you seen any evidence so far of the financial incentive making a difference to how providers deliver?",
            "What evidence have you seen so far of the impact of financial incentives",
        ),
        (
            "R",
            "Anecdotally, a little. I've heard that one of the Provider A organisations started meeting people at the prison gate, which is exactly the kind of thing you'd hope for. But some of that was happening anyway, because of the day one changes for all prison leavers. Separating the incentive from everything else that changed at the same time is really hard, and I'd be wary of anyone who claims much yet.",
        ),
        (
            "I",
            "Sure. Looking back, what changes, if any, would you make to the joint commissioning process in the future?",
            "What changes, if any, would you make to the joint commissioning process",
        ),
        (
            "R",
            "I'd sort out the data sharing agreement before anything else. I'd also have a single senior responsible owner with real authority across both departments, rather than a board where everybody had a veto. And I'd involve the prisons earlier. They were treated as a venue rather than a partner, and that came back to bite us when the providers needed access to people before release.",
        ),
        (
            "I",
            "Do you think we'll see more joint commissioning in future?",
            "Do you think we will see more joint commissioning",
        ),
        (
            "R",
            "I'd like to think so, but I'm not holding my breath. It's hard work, and everything inside government pushes you towards doing things on your own, where you control the budget. It needs someone senior to champion it every single time. It doesn't happen by default.",
        ),
        (
            "I",
            "Finally, overall, to what extent do you think joint commissioning is achieving what it set out to do so far?",
            "Overall, to what extent do you think joint commissioning is achieving its aims",
        ),
        (
            "R",
            "Too early to say on outcomes, honestly. On process, partly. We proved two departments can buy something together, which wasn't a given. But the efficiencies people hoped for haven't really shown up. If anything it cost more in staff time than two separate procurements would have. I'd still say it was worth doing, because the learning on data alone has been valuable.",
        ),
        (
            "I",
            "And overall, to what extent have the main risks of joint commissioning materialised, the governance and finance worries you mentioned?",
            "Overall, to what extent have the main risks",
        ),
        (
            "R",
            "The governance one, definitely. The financial one, less than we feared, partly because volumes were lower than forecast, so the sums involved were smaller. And the provider serving two masters, erm, I think the providers would say yes, they did feel that. They had two lots of people asking them for slightly different management information every month.",
        ),
        ("I", "That's really helpful. Is there anything you'd like to add that we haven't covered?", None),
        (
            "R",
            "Only that I hope the evaluation looks at the people who dropped out early. That's where the real story is, I think.",
        ),
        ("I", "Thank you, that's great. I'll stop the recording there.", None),
    ],
)

PROVIDER_A = Interview(
    file="provider_a_operational_staff.txt",
    guide="provider_operational",
    interviewer="Sarah Jones",
    respondent="Mark Ellis",
    attributes={
        "respondent_type": "Provider A operational staff",
        "area": "Pilot area",
        "wave": "1",
        "interview_date": "2015-03-12",
        "interviewer": "SJ",
    },
    turns=[
        ("I", "Okay, that's recording. Thanks for seeing me, I know it's a busy week for you.", None),
        (
            "R",
            "No, it's fine, honestly. Sorry about the noise, they're drilling next door and they've been at it all week. Shout if you can't hear me.",
        ),
        (
            "I",
            "So, first of all, can you give me an overview of your role in relation to the Work Programme and the pilot?",
            "Can you give me an overview of your role is in relation",
        ),
        (
            "R",
            "Yeah. I'm a team leader in the local office. I've got six advisers, two of whom are offender specialists, and I carry a small caseload myself, mostly the harder cases if I'm honest. On the pilot side we're Provider A, so we get the reoffending incentive on top of the normal payments. In practice that means the under-twelve-month lot come to us as well as the longer sentence people in the offender payment group.",
        ),
        (
            "I",
            "Have you had any training for the job, and anything on working with offenders in particular?",
            "Have you received any training or development",
        ),
        (
            "R",
            "A bit. When I started there was the standard induction, the contract, the systems, compliance, all that. The offender stuff came later, when the offender payment group came in. We had two days with a charity that works with ex-offenders, on disclosure and the rehabilitation rules mostly, and that was genuinely useful. Before that, if I'm honest, I didn't really know what a spent conviction was.\n\nThe advisers who've joined since haven't all had it, though, because it was a one-off, so there's a gap. Jodie, one of my specialists, ended up running a session herself for the newer ones, in her own time, which she shouldn't have had to do.",
        ),
        (
            "I",
            "Okay. Can you describe how offenders are referred and attached to you, how that actually happens?",
            "Can you describe how offenders are referred and attached",
        ),
        (
            "R",
            "In theory it's simple. The Jobcentre adviser in the prison does the claim before release, the referral comes through to us electronically, and we're supposed to get an appointment in the diary within a couple of days of them getting out. In practice, erm, the referral often lands after the person's already been released. Sometimes we get it the same day, sometimes a week later, and by then the phone number's dead and the address is a hostel they've already left.\n\nWe've started sending someone to the gate where we can, for the local prison anyway, and that helps massively. If you meet someone at the gate and buy them a coffee, you've got a relationship. If you send a letter to an address they were at three weeks ago, you've got nothing. We don't do much behind the gates yet, we're not allowed on the wings without an escort and that's been a struggle to arrange.",
        ),
        ("I", "Can you say a bit more about that?", None),
        (
            "R",
            "So, yeah, we've got one adviser, Kelly, who goes up to the local prison two mornings a week. She gets a list of who's due out from the resettlement team, and she tries to see them the week before, just ten minutes in the visits hall, so they know her face. Then on the day she'll be outside at eight, or whenever they're let out, and she'll walk them to the Jobcentre and then back here for the first appointment. It's not glamorous, she's stood in the rain half the time. But the ones she meets turn up. The ones she doesn't, it's a coin toss.",
        ),
        (
            "I",
            "How adequate is the information you get about them from the Jobcentre?",
            "How adequate is the information you receive about offenders",
        ),
        (
            "R",
            "Not very. We get the basics, name, date of birth, national insurance number, release date if we're lucky. We don't get anything about risk, which is the bit that worries me. I've had an adviser sat in a room on her own with someone and found out afterwards he had a history of violence against women. Nobody told us. So we've started asking probation ourselves, but that's informal, it depends who picks up the phone.",
        ),
        (
            "I",
            "What about the gap between referral and attachment? Is there one, and why?",
            "What, if anything, is the gap between referral and attachment",
        ),
        (
            "R",
            "There's a big gap. I'd say maybe half of the short sentence referrals attach within the first month, and some never do. The reasons are what I said, contact details, plus people just have other priorities when they get out. Housing first, money second, us a long way third. Compared to other payment groups it's much worse. The long-term unemployed, they're frustrated with us, but at least they turn up.",
        ),
        (
            "I",
            "How is contact managed with people in different circumstances, say someone who goes back inside while they're with you, or drops off and comes back?",
            "How is contact (meant to be) managed with offenders in differing circumstances",
        ),
        (
            "R",
            "In theory they're suspended while they're inside and they come back to us when they're out. In practice we often don't know they've gone back in. They just stop turning up, we chase, we chase, and then somebody says, oh, he's back in the local. There's no alert. Sometimes Kelly spots a name on her release list and that's how we find out. Then you're starting the relationship again from scratch, which is hard, because they're often embarrassed. They think they've let you down.",
        ),
        (
            "I",
            "Right. What would you say are the main barriers that offenders face, and how do they differ from other customers?",
            "What are the barriers experienced by offenders",
        ),
        (
            "R",
            "Housing is the big one. If you don't know where you're sleeping tonight, a CV workshop means nothing. Then substance misuse, a lot of our short sentence people have drug or alcohol problems, some are on a script, some aren't. Confidence is a big one as well, which people forget.\n\nAnd then disclosure. Having to explain a conviction to an employer terrifies people. Some of them have never had a job where they had to fill in a form asking about criminal records. We do a lot of work on how to disclose, what they have to say and when, what's spent and what isn't. The short sentence lot are also more chaotic than the long sentence lot, in my experience. The long sentence people have often done courses inside and they've had time to plan.",
        ),
        ("I", "Mm. Have you got an example, without names?", None),
        (
            "R",
            "Erm, yeah. There was a lad last year, I'll call him Dean, twenty-two, out after eight weeks for a shop theft. Bright lad, good with his hands. First week he was sleeping in his car, second week the car got towed. By the time we'd got him a bed in a hostel he'd missed two appointments and his money had been stopped. None of that is about employability, strictly. But until it's sorted you can't even start on the job side.",
        ),
        (
            "I",
            "How do you decide what support someone gets? Is it a set package for offenders?",
            "How do you decide what support a participant should receive",
        ),
        (
            "R",
            "There's no set package, no. There's a core offer everyone gets, the assessment, the job search support, the regular adviser meetings. After that it's down to the adviser and the customer. If someone's got a drug problem we'll refer them to the treatment service first and we won't push job search hard until that's stable. If someone's ready to work, we'll go straight to the employers.\n\nCost does come into it, I won't pretend it doesn't, we can't send everyone on a forklift licence. But we try to spend where we think it'll make a difference. And for the pilot group, because we're Provider A, there's a bit more money in the pot, so we've been freer with things like travel passes and work boots.",
        ),
        (
            "I",
            "And the action plans, how do you go about drawing those up with people?",
            "How do you draw these action plans up",
        ),
        (
            "R",
            "We do them at the second appointment usually, not the first, because the first is just getting to know them and sorting out whatever crisis they've walked in with. The customer's in the room, and we write it in their words where we can, so it's not just a list of things we've told them to do. Erm, we don't usually involve probation in writing it, which probably we should. We just don't have the time to get everyone round a table. We review it every few weeks, or whenever something changes.",
        ),
        (
            "I",
            "How does what you do fit with probation and the other support people are getting?",
            "How does the programme interact with other support for offenders",
        ),
        (
            "R",
            "It's getting better but it's still quite separate. Probation have their plan for the person, we have ours, and the two don't always talk. The classic is appointments. Someone gets a job, starts on a Monday, and probation want to see him Monday morning. So he either misses the appointment and risks a breach or misses the shift and risks the job. When we know the officer, like Dave at the local office, we ring and sort it. When we don't, it's a mess. And with sharing information, we're never quite sure what we're allowed to pass on, so we tend to pass on nothing, which doesn't help anyone.",
        ),
        (
            "I",
            "Do you work with any employers to create opportunities for offenders specifically?",
            "Do you work with any employers to deliver opportunities",
        ),
        (
            "R",
            "We've got an employer engagement team who sit across the whole contract, and a couple of them are good with offenders. We've got a warehouse and a couple of construction firms who'll take people with convictions, and a catering social enterprise that's brilliant. The trick is being upfront with the employer. We never place someone without the employer knowing, because if it comes out later the placement collapses and we lose the employer too. Since the pilot, we've tried to get more of those employers, but honestly the incentive hasn't changed that much on the employer side.",
        ),
        (
            "I",
            "And once someone is in work, what support do you provide to them?",
            "What support to you provide to offenders once they are in work",
        ),
        (
            "R",
            "Phone contact mostly, weekly at first and then tailing off. If they want to come in, they can. The first few weeks are the danger zone. Something goes wrong, they have a row with a supervisor, their probation appointment clashes with a shift, and they walk. So we try to sort the practical stuff before it happens, talk to probation about appointment times, that sort of thing. If a job breaks down, we try to get them back in quickly rather than letting them drift.",
        ),
        (
            "I",
            "Let's talk about sanctioning. If someone isn't meeting the participation requirements, what do you do?",
            "If an offender in the programme is not meeting participation requirements",
        ),
        (
            "R",
            "We try everything before we refer for a sanction. Phone, text, letter, a home visit if we've got an address. If they've just got out and they're in a mess, referring them for a sanction just pushes them further away, and in some cases it pushes them back towards crime, because they've got no money. So we use our discretion. If someone is deliberately not engaging and they're stable, then yes, we'll raise a doubt with the Jobcentre.",
        ),
        (
            "I",
            "And do you think sanctioning, or the threat of it, is effective with offenders?",
            "Do you believe that sanctioning and the threat of sanctioning",
        ),
        (
            "R",
            "Mixed. For some, the threat gets them through the door. For the chaotic ones, no, it doesn't work at all. They don't open letters. They don't know they've been sanctioned until the money doesn't arrive, and then they're in crisis and we're picking up the pieces. So I'd say it's a blunt instrument for this group.",
        ),
        ("I", "Sorry, I think the drill's started again. Are you okay to carry on?", None),
        ("R", "Yeah, go on, I'll talk louder. I did ask them to stop during interviews. Fat chance."),
        (
            "I",
            "How are offenders responding to the programme overall? What's working well and less well?",
            "How are offenders responding to the programme",
        ),
        (
            "R",
            "The ones we meet at the gate respond really well. The one-to-one relationship is what works. The group sessions work less well, offenders don't like sitting in a room with people they don't know talking about their problems. What's not working is the information flow. We get very little from probation, and what we get from the Jobcentre is thin. If we knew someone's risk level, their housing situation, whether they're on a script, we could plan so much better.",
        ),
        (
            "I",
            "And looking ahead, what do you see as the likely outcomes from all this for the offenders you work with?",
            "What do you see as the likely outcomes from delivery",
        ),
        (
            "R",
            "Realistically? For the long sentence group, I think we'll get a decent number into work, maybe not far off what we get with the long-term unemployed. For the short sentence lot, much lower. If one in five gets a job that lasts six months, I'll be pleased. But there's value beyond that. Some of them are staying out of prison longer than they ever have, and that counts for something even if it doesn't show in our job numbers.",
        ),
        ("I", "Great, thanks. Is there anything else you wanted to add?", None),
        (
            "R",
            "Only that the advisers are doing a brilliant job with very little. They deserve a mention. Oh, and sorry about the drilling. I hope some of that's come out on the recording.",
        ),
    ],
)

PRISONER = Interview(
    file="prisoner_short_sentence.txt",
    guide="prisoner",
    interviewer="Anna Hughes",
    respondent="Kyle Martin",
    attributes={
        "respondent_type": "prisoner",
        "area": "Pilot area",
        "wave": "1",
        "interview_date": "2015-04-02",
        "interviewer": "AH",
    },
    turns=[
        ("I", "Thanks for agreeing to talk to me. Just to check, you're okay with the recorder being on?", None),
        ("R", "Yeah, it's fine."),
        (
            "I",
            "Great. I'll start with a few easy ones about you. How old are you, if you don't mind me asking?",
            "How old are you",
        ),
        ("R", "Twenty-six. Twenty-seven in August."),
        ("I", "And do you have any children?", "Do you have any children"),
        (
            "R",
            "One, a little girl, she's four. She lives with her mum. I see her when I'm out, when things are good. Her mum's alright about it as long as I'm not using. Fair enough, really. I wouldn't want her round me either when I'm like that.",
        ),
        (
            "I",
            "What sort of place were you living in before you came in this time?",
            "What type of accommodation did you live in before coming to prison",
        ),
        (
            "R",
            "A hostel, down by the station. I'd been there about four months. Before that I was sofa surfing, my cousin's, a mate's, wherever. The hostel was alright, to be fair. Bit noisy. You had your own room at least.",
        ),
        (
            "I",
            "Okay. So, can you tell me a bit about your current sentence?",
            "Can you tell me about your current sentence",
        ),
        (
            "R",
            "Twenty weeks. Shoplifting, well, theft, and a breach as well because I missed appointments. I'll do half, so I'm out in about three weeks. It's not, like, gang stuff or anything. It was just, I was using, and I needed money.",
        ),
        ("I", "Have you had convictions before this one?", "Can you tell me about any past convictions you have"),
        (
            "R",
            "Yeah, loads. Mostly the same thing, thefts, a couple of possession. First one I was about fifteen. First time inside I was nineteen. This is my, what, fifth time in? Fifth or sixth. They're all short ones, few weeks, few months.",
        ),
        (
            "I",
            "What accommodation, if any, do you have sorted for when you're released?",
            "What accommodation, if any, do you have arranged for your release",
        ),
        (
            "R",
            "Nothing yet. That's the thing that's doing my head in. I lost the hostel when I came in here, they don't hold your room. The housing lady, Bev, said she's put in a referral but she can't promise anything. Worst case it's my mate's sofa, but his place is, you know, everyone's using there, so that's not really where I want to be.",
        ),
        ("I", "That sounds really stressful.", None),
        (
            "R",
            "It is. I lie awake thinking about it. Like, I'm doing alright in here, I'm clean, I'm going to the gym, I'm eating proper. And then I think about the day I get out and it all goes to pot in my head.",
        ),
        (
            "I",
            "Going back a bit, how old were you when you left school?",
            "How old were you when you left full-time education",
        ),
        (
            "R",
            "Fifteen, really. Officially sixteen but I'd stopped going before that. I got kicked out of one school and at the next one I just didn't bother. Nobody chased it.",
        ),
        ("I", "And did you come away with any qualifications?", "Do you have any qualifications"),
        (
            "R",
            "Not from school, no. I've done my level one English and maths in here, this time, and a food hygiene thing the time before. That's it. The food hygiene one's probably run out by now.",
        ),
        (
            "I",
            "Can you tell me about the jobs you've had since leaving school?",
            "Can you tell me about all the paid jobs you have had",
        ),
        (
            "R",
            "Not many. I did a bit of labouring for my uncle when I was seventeen, cash in hand. Then I was at a car wash for about six months. That was alright, actually. I got let go because I was late too many times, that was when I was using heavy. Since then nothing proper. A few days here and there through an agency but they stopped calling when they did a check.",
        ),
        ("I", "What happened with the agency, when they did the check?", None),
        (
            "R",
            "They never said. They just stopped ringing. I rang them once and the woman said there was nothing on that week, and there was nothing the week after either. You get the message.",
        ),
        (
            "I",
            "And before you came in, what was your main source of income? Benefits, or something else?",
            "What was your main source of income before being sent to prison",
        ),
        (
            "R",
            "Benefits. Jobseeker's, when it wasn't stopped. It got stopped a fair bit because I'd miss signing on. And then, you know. The shoplifting. I'm not proud of it, but that's the truth.",
        ),
        (
            "I",
            "When you get out, how are you planning to support yourself, money-wise?",
            "How do you plan to support yourself financially",
        ),
        (
            "R",
            "The claim, I suppose. It's done already so it should come through. And my mum might lend me a bit till it does. I'm not going back to nicking, that's what I keep telling myself. We'll see.",
        ),
        (
            "I",
            "Okay. So thinking about when you get out, what do you think might stop you getting a job?",
            "What do you think might prevent you from getting a job on your release",
        ),
        (
            "R",
            "Honestly? The record. Soon as they see it, that's it. You get a form, it says have you got any convictions, and you either lie and get sacked later or you tell the truth and don't get the job. Nobody's ever explained to me what I have to tell them and what I don't.\n\nAnd then housing, like I said. You can't hold down a job from a sofa. And the drugs. I'm clean in here, I've been on the programme, but I know what it's like when you get out with nowhere to go. That's when it starts again. Plus I've got no ID. No passport, no driving licence, nothing. You can't even open a bank account.",
        ),
        ("I", "Can you say a bit more about the ID thing?", None),
        (
            "R",
            "Yeah, so my passport ran out years ago and my provisional got lost when I got nicked the first time. To get a new one you need your birth certificate, and to get that you need money and an address. It goes round in a circle. The bloke in the library here said he'd help me fill the form in, but I've got to pay for it on the out.",
        ),
        (
            "I",
            "What kinds of support do you think you'll need to stop you offending again?",
            "What kinds of support do you think you will need to prevent you offending",
        ),
        (
            "R",
            "Somewhere to live, first. Then staying clean, so someone to see about that on the outside, proper support not just a leaflet. And money, because if I come out with forty-odd quid and the first payment's weeks away, that's when you end up nicking again. My mum said she'd help but she's not got much.",
        ),
        (
            "I",
            "This time in prison, what advice or support have you had about getting a job or training once you're released?",
            "Can you tell me what advice or support, if any, you have received this time in prison to",
        ),
        (
            "R",
            "Not a lot, about jobs. The EBA said I'd be put on some programme with a provider who'd help me find work. He gave me a sheet of paper with a name on it. That's about it for jobs. I did the English and maths in education, like I said. There's a lad on my wing doing a forklift course, I'd like that, but there's a waiting list as long as your arm.",
        ),
        (
            "I",
            "And what about your benefits, has anyone helped you get those arranged for when you're released?",
            "Can you tell me what advice or support you have received this time in prison to get your benefits",
        ),
        (
            "R",
            "Yeah, that was the EBA as well. Martin, I think his name is. He did my claim, which is good, he said the money should come quicker. Last time I had to go down the Jobcentre the morning I got out and it was weeks before I saw anything.",
        ),
        (
            "I",
            "And what do you understand by Day One Mandation, being put on the Work Programme from the day you get out?",
            "What do you understand by Day One Mandation",
        ),
        (
            "R",
            "I didn't know it had a name, to be honest. He said I have to go and see them or my money might get stopped. So I'll go. I don't really know what they do though. Is it like the Jobcentre but a different building? Someone said they meet you at the gate sometimes, but nobody's said that to me.",
        ),
        ("I", "We won't be too much longer. Are you alright to keep going?", None),
        (
            "R",
            "Yeah, yeah. It's just association's at half three and I need to get on the phone to my mum. It's her birthday Saturday.",
        ),
        (
            "I",
            "We'll be done well before then, don't worry. So, what do you expect to happen when you're released from here?",
            "What do you expect to happen when you are released from prison",
        ),
        (
            "R",
            "Honestly? I'll walk out with my bag and my discharge money and I'll go and find my mate. Then the Jobcentre, I suppose, and the provider if I can find where it is. Probation the same day, they always want you the same day. It's a lot to do in one day when you've got no phone and no money and no bus fare. Last time I missed half of it and that's how I got the breach.",
        ),
        (
            "I",
            "How useful has the resettlement side been, the housing and the drugs support, as well as the jobs advice?",
            "How useful have you found the resettlement advice and support you have received",
        ),
        (
            "R",
            "The drugs worker's been good, she actually listens. The claim's useful, I'll give them that, last time it took weeks. The job stuff, not really, it was one meeting. And housing's the thing I actually need and that's the thing nobody can sort.",
        ),
        (
            "I",
            "If you've been in prison before, how does this time compare to the support you had before?",
            "If you have been in prison before, how does this support and advice compare",
        ),
        (
            "R",
            "Bit better. Last time I came out with nothing at all, no claim, nothing, I was at the Jobcentre queuing the next morning. This time at least the money's sorted. But the rest is the same. You're on your own once you walk out that gate.",
        ),
        (
            "I",
            "Is there anything else you'd like to say about any of the things we've talked about?",
            "Is there anything else you would like to say about any of the things",
        ),
        (
            "R",
            "Just that if they want people to stop coming back, sort the housing. Everything else comes after that. That's it really.",
        ),
        ("I", "Thank you, that's really useful. I'll stop the recording now.", None),
    ],
)

EBA = Interview(
    file="eba_resettlement_worker.vtt",
    guide="resettlement_eba",
    interviewer="Priya Shah",
    respondent="Lorraine Baker",
    attributes={
        "respondent_type": "EBA",
        "area": "Pilot area",
        "wave": "1",
        "interview_date": "2015-03-19",
        "interviewer": "PS",
    },
    turns=[
        (
            "I",
            "Okay, I think that's recording now. So just to start, can you give me an overview of your job in the prison and your part in getting people ready for release?",
            "Can you give me an overview of your job at the prison",
        ),
        (
            "R",
            "Yes, so I'm an employment and benefit adviser, an EBA, I'm employed by the Jobcentre but I'm based in the prison three days a week. I've been doing this about four years now. My main job is making sure that anyone who's going to claim Jobseeker's Allowance on release has their claim set up before they go, so they're not walking out with nothing. I also do a bit of job search work with them, CVs, disclosure letters, that kind of thing, when there's time, which there usually isn't.",
        ),
        (
            "I",
            "And more widely, what support and services are available to prisoners here to prepare them for release, not just yours?",
            "Can you tell me what support and/or services are available",
        ),
        (
            "R",
            "There's quite a lot, on paper. There's the resettlement team, who do the housing referrals, ID, bank accounts when the bank will play ball. There's the drug and alcohol team, who do a release plan and link people up with the service outside. There's education, and the careers advice people, and a charity that does family work, keeping contact with kids, that sort of thing. Probation for the longer sentences, obviously. And then me, for the benefits side.\n\nThe trouble is it's all a bit separate, and the prisoner has to see six different people who all ask them the same questions. By the fourth one they've had enough, and who can blame them.",
        ),
        (
            "I",
            "How many weeks before release does that support usually start?",
            "How many weeks before release are these types of services",
        ),
        (
            "R",
            "It should be twelve weeks for the resettlement team, they do a needs screen at twelve weeks. For me it's nearer four to six. For the short sentences, though, if someone's only doing six weeks in total, the twelve-week screen never happens, they're in and out before the system catches up. So realistically those lads get whatever we can squeeze in, sometimes one conversation on the wing.",
        ),
        (
            "I",
            "And what's your understanding of Day One Mandation, what it involves?",
            "What is your understanding of Day One Mandation",
        ),
        (
            "R",
            "So Day One means that anyone who claims JSA straight out of prison is mandated onto the Work Programme from the day they're released, rather than waiting the usual time. The idea is that they get picked up by a provider straight away instead of drifting for months. It applies for thirteen weeks after release as well, so if they claim a bit later they still go straight on. The objective, as I understand it, is to get them support while they're still motivated, because that first week is when it all happens, good or bad.",
        ),
        (
            "I",
            "What's done to make people leaving here aware of the advance claim, and of what the Work Programme can offer them?",
            "What is done (if anything) to make prison leavers aware",
        ),
        (
            "R",
            "Mostly it's me, to be honest. There are posters on the wings, which nobody reads. The induction talk mentions it, but that's on their first day, when their head's all over the place. Word of mouth works better. If one lad on the wing has had his money come through on time, the others start asking for me by name. Erm, the Work Programme side is harder to explain, because I don't always know much about what the providers actually do, so I can only give them the basics and a phone number.",
        ),
        (
            "I",
            "Can you walk me through the processes in place here to actually make Day One happen?",
            "Can you describe the processes that are in place in the prison to operate Day One",
        ),
        (
            "R",
            "So the resettlement team send me a list of release dates, that's supposed to be four to six weeks ahead. I book an appointment with each person who might claim, I see them on the wing or in the resettlement unit, and I do the claim clerically, on paper, because we've still not got the system access in here. Then the claim goes to the processing centre and the referral to the provider is triggered.\n\nThe handover at the gate is the weak bit. In theory the provider gets the details and books an appointment for the first few days. In practice I often don't know if that's happened. Some providers come in and meet people, some don't. For the short sentence lads, the release date can change at the last minute, home detention curfew comes through, or a court date moves it, and then everything I've arranged is out of date.",
        ),
        ("I", "Sorry, you broke up a bit there. You said the release dates can change at the last minute?", None),
        (
            "R",
            "Sorry, the wifi in this office is awful, it's the walls, they're about three feet thick. Yes, so, home detention curfew is the big one. Someone's due out on the twentieth, then their curfew gets approved and they go on the third. Nobody tells me, and I only find out when I go to see them and they've gone. Then the claim's got the wrong date on it, the provider's been given the wrong date, and it all has to be unpicked.",
        ),
        (
            "I",
            "And how did things work before Day One came in?",
            "Can you please describe the arrangements that were in place before",
        ),
        (
            "R",
            "Before, it was much more hit and miss. We'd see people if they asked for us, or if the resettlement team flagged them up, and we'd give them a form and tell them to go to the Jobcentre when they got out. A lot of them didn't, or they went and then waited weeks for a first payment. And they weren't going onto the Work Programme until they'd been claiming for months. So in that sense Day One is a real improvement, I'd never say otherwise.",
        ),
        (
            "I",
            "Is that the same for everyone, or does it differ depending on who the prisoner is?",
            "Are these Day One processes the same for all prisoners",
        ),
        (
            "R",
            "It's meant to be the same, but the short stays are much harder. Someone doing a few weeks might be out before I even get their name. The longer ones I can see two or three times. And people with learning difficulties or who can't read, I have to spend a lot longer with, and sometimes I'll get the resettlement officer to sit in.",
        ),
        (
            "I",
            "What about people who were already on the Work Programme before they came in, how are they dealt with?",
            "How are those prisoners who have already been on the Work Programme dealt with",
        ),
        (
            "R",
            "That's a grey area. In theory they go back to the provider they were with. In practice, the provider's often not been told the person's in custody, so they're still sending appointment letters, and then the new referral comes through and everyone's confused. I've had a provider ring me asking why somebody hadn't been in for three months, and he'd been on our wing the whole time.",
        ),
        (
            "I",
            "Are you aware of the reoffending pilots that are running at the moment?",
            "Are you aware of the reoffending pilots",
        ),
        (
            "R",
            "Yes, we had a briefing when it started. It's the one where the providers get extra money if people don't reoffend, isn't it? Well, one of them does. I'll be honest, it hasn't changed much for me day to day. My part's the same whoever the provider is.",
        ),
        (
            "I",
            "In your area, how are prison leavers allocated between the two providers, A and B?",
            "Can you explain how prison leavers are allocated to WPP A/B",
        ),
        (
            "R",
            "It's random, based on their national insurance number, I think it's odd and even. I don't pick it and I don't always know who they've gone to until later. Which is a problem, because if I knew I could tell the person who to expect.",
        ),
        (
            "I",
            "How well do the alerts for release dates work, between the prison and the Jobcentre?",
            "Alerts for prisoner release dates",
        ),
        (
            "R",
            "They're better than they were. We get a weekly list now from the prison's records office. The problem is it's a snapshot, so anything that changes after the Monday isn't on it. And it doesn't tell me who's likely to claim, so I have to go through it line by line. Mandy in resettlement marks the ones she thinks will need me, which helps a lot, but that's Mandy being kind, it's not a system. When she's on leave I'm back to guessing.",
        ),
        (
            "I",
            "How well do you think the handover from prison to the community is working, and what would improve it?",
            "How handover is managed from prison to community",
        ),
        (
            "R",
            "Honestly, it's patchy. When it works, it's great, the provider meets them at the gate, takes them to the Jobcentre, gets them sorted. When it doesn't, the person walks out, goes to the address on the form, it's not there any more, and nobody sees them for weeks. What would improve it is a named person at the provider who I can ring, and a proper shared list so we all know who's going out when.",
        ),
        (
            "I",
            "Right. In your view, how well are the different agencies working together to deliver Day One?",
            "In your view, how well are the different agencies working together",
        ),
        (
            "R",
            "Better than it was, but there's a lot of duplication. The resettlement team, me, probation, the housing worker, the provider if they come in, we're all seeing the same person and asking the same questions. And the data sharing is a nightmare. I can't see the probation system, they can't see mine, the provider can't see either. We email spreadsheets around, which I'm not sure is even allowed.\n\nThe relationship with the resettlement team is good, we sit together. With the providers it depends on the individual. One of them has a lovely woman who comes in every week. The other I've met once.",
        ),
        ("I", "Can you say a bit more about that?", None),
        (
            "R",
            "Well, the one who comes in, she'll sit in the resettlement office on a Wednesday and anyone going out that week can drop in and meet her. She knows the officers, she knows the wings. The men see her as part of the furniture, in a good way. The other provider, I think they've had three different people in the job since Christmas, so nobody's built anything up. It's not their fault individually, it's the turnover.",
        ),
        (
            "I",
            "And how could those working relationships be improved?",
            "If applicable, how could these working relationships be improved",
        ),
        (
            "R",
            "A shared system, or at least a shared list. Regular meetings, monthly would do. And someone senior saying this matters, because at the moment it all depends on goodwill.",
        ),
        (
            "I",
            "Overall, how well do you think Day One Mandation is working?",
            "In your view, overall how well do you think Day One Mandation",
        ),
        (
            "R",
            "The claims side is working, I'd say. People are getting money quicker than before and that matters. The Work Programme side, I'm less sure. I don't see what happens after they leave, so I can only go on what they tell me when they come back in, and a lot of them do come back.",
        ),
        (
            "I",
            "What are the key challenges that remain for making it work in the prison?",
            "What key challenges remain for its effective operation in prison",
        ),
        (
            "R",
            "Release dates changing, no IT in the prison, not enough time with the short sentence people, and the handover. And housing, always housing. I can set up a claim, but if they've got no address the claim goes wrong anyway.",
        ),
        (
            "I",
            "And what do you think the likely effects of the programme will be, in the longer run?",
            "In your view, what are the likely effects of this programme",
        ),
        (
            "R",
            "If the claims side keeps working, fewer people walking out with nothing in their pocket, and that has to help with reoffending, even a little. Whether the Work Programme gets many of them into jobs, I'm doubtful, given what they're up against. I had a lad last month, I'll call him Jason, who had a job lined up with his uncle's firm before he even came to see me, and the provider hadn't heard a thing about it. They'll get the credit for that one, fair enough. But most of them don't have an uncle with a firm.",
        ),
        ("I", "That's really useful, thank you. Anything else you'd like to add?", None),
        ("R", "Just that the staff in here really do try. It's the systems that let people down."),
    ],
)

PROVIDER_B = Interview(
    file="provider_b_strategic_manager.srt",
    guide="provider_strategic",
    interviewer="Tom Reid",
    respondent="Claire Osei",
    attributes={
        "respondent_type": "Provider B strategic staff",
        "area": "Pilot area",
        "wave": "1",
        "interview_date": "2015-05-07",
        "interviewer": "TR",
    },
    turns=[
        (
            "I",
            "Right, we're recording. Can I just confirm first, you're the prime contractor for the Work Programme in this area?",
            "Can I confirm that your organisation is a Work Programme prime contractor",
        ),
        (
            "R",
            "Yes, we're the prime for this contract package area, and we hold a second prime contract in the north. We also sub-contract to another prime in one other area.",
        ),
        (
            "I",
            "And in the Employment and Reoffending pilot, you're Provider B, is that right?",
            "Can I confirm that your organisation is provider",
        ),
        (
            "R",
            "That's right, Provider B. Which was a disappointment at the time, I won't lie. We'd put a lot into the bid.",
        ),
        (
            "I",
            "Can you tell me briefly what your role is in relation to the Work Programme and the pilot?",
            "Can you tell me briefly what your role is in relation to the (a) Work Programme",
        ),
        (
            "R",
            "I'm the head of performance and partnerships. So I own the supply chain, the contract management of our subcontractors, and the relationship with the department. On the pilot, I led our bid, which as I say we didn't win as Provider A, so we're the comparison provider, if you like.",
        ),
        ("I", "How is your supply chain set up in this area?", "How is the supply chain set-up in this area"),
        (
            "R",
            "We deliver about half of it ourselves, end to end, through our own offices. Then we've got three tier one subcontractors who are end to end as well, one of them a large charity, and a tier two of specialists we spot purchase from: a mental health provider, a housing advice service, a couple of drug and alcohol services. We chose the tier ones mainly on geography, to cover the rural parts we couldn't reach, and the specialists on expertise. Customers generally stay with whoever picks them up at the start, they don't bounce back to us.",
        ),
        (
            "I",
            "Has the supply chain changed at all because of the pilot?",
            "Has your supply chain changed under the Employment and Reoffending pilot",
        ),
        (
            "R",
            "Not a great deal, being honest. We brought in an offender specialist charity as a spot provider for the more complex cases, but that was as much about the new offender payment group as about the pilot. Because we're Provider B, there's no extra incentive for us, so there hasn't been a business case to change much.",
        ),
        (
            "I",
            "Do you think specialist offender providers are important in supporting offenders into work?",
            "(If not already covered) Do you think that specialist offender providers are important",
        ),
        (
            "R",
            "I think specialist knowledge is important. Whether it has to sit in a specialist organisation is another question. The things specialists do well are spotting when someone's heading back towards offending, knowing what work people can and can't do on licence, and talking to employers about convictions. We've tried to build that into our own advisers through training, and use the specialist charity for the people with the most complex needs.",
        ),
        (
            "I",
            "And how do you keep track of how your subcontractors, and your own offices, are performing?",
            "How do you monitor the progress",
        ),
        (
            "R",
            "Monthly performance reviews with each of them, against a profile. We look at attachments, job starts, outcomes, and we break it down by payment group, so the offender group has its own line. Imran, our contracts manager, goes out to each of them every quarter and does a file audit as well, to check that what's on the system matches what's actually happening. If someone's falling behind they go on an improvement plan. We've not had to take anyone out of the chain yet, but we came close once.",
        ),
        (
            "I",
            "Let's move to finances. On what basis are your subcontractors paid?",
            "On what basis are subcontractors in your supply chain paid",
        ),
        (
            "R",
            "The tier ones are on the same outcome model we are, passed down, minus a management fee. I won't give you the percentage but it's in line with the market. The specialists are on fee for service, because they'd never survive on outcomes and we don't want them to have to. That hasn't changed with the pilot.",
        ),
        (
            "I",
            "How far do the payments, the attachment and outcome payments, actually compensate for the cost and risk of supporting people? And for offenders in particular?",
            "How far do Work Programme payments for attachments and outcomes compensate",
        ),
        (
            "R",
            "For the mainstream groups, just about, if you run a tight ship. For offenders, no. The outcome payment is a bit higher for the offender group, but the cost of getting someone with a conviction, no fixed address and a habit into sustained work is much, much higher than the difference.\n\nErm, so in practice the offender group is cross-subsidised by the easier groups. That works as long as the volumes in the easier groups hold up, and they haven't, really, not since the economy picked up. So the risk is sitting with us, and with our subcontractors.",
        ),
        ("I", "When you say the risk is sitting with you, what does that mean in practice?", None),
        (
            "R",
            "It means if the numbers don't come, we carry the loss. We've had to dip into reserves this year to keep the specialist services going, and the board are asking how long we can do that for. I don't have a good answer for them yet.",
        ),
        (
            "I",
            "How does the attachment fee fit with an outcome-based payment model, in your view?",
            "How does the use of an attachment fee fit with an outcome-payment model",
        ),
        (
            "R",
            "It's a cash flow thing really. The attachment fee gets smaller every year, by design, and it covers the cost of the initial assessment and not much else. For offenders, where attachment is harder and outcomes take longer, the attachment fee matters more than it does for mainstream customers. I'd have liked it to stay at the original level for this group.",
        ),
        (
            "I",
            "Can you tell me a little about how you planned your delivery model for the Work Programme?",
            "Can you tell me a little about how you planned your delivery model",
        ),
        (
            "R",
            "We used a logic model, in fairness, which not everyone did. We mapped the stages, engagement, assessment, barrier removal, job search, in-work support, and for each stage what we'd expect to see. The evidence was mostly our own data from previous programmes plus some published research on employment and desistance. When the offender payment group came in we reviewed it and added a specialist track.",
        ),
        (
            "I",
            "How do offenders' needs differ from other customers' needs, would you say?",
            "Can you tell me how offenders’ needs differ from those of other Work Programme",
        ),
        (
            "R",
            "More barriers, and more of them at once. Housing, substance misuse, mental health, debt, and then the conviction itself. Work histories are often very patchy, and a fair number have never had an interview, let alone a job with a contract and a payslip.",
        ),
        (
            "I",
            "And the short-sentence prisoners, the pilot customers, how do their needs differ from other offenders?",
            "Can you tell me how needs of short-sentence prisoners",
        ),
        (
            "R",
            "They're more chaotic, generally. The short sentence people are in and out, so you might work with someone for two weeks and then they're back inside. They haven't had the time inside to do courses or get clean, and they haven't got probation supervising them once they're out, or they didn't when the pilot started. So there's nobody else holding the ring. On the plus side, some of them were working quite recently, more than the long sentence group, so the gap on the CV is smaller and the habits haven't gone.",
        ),
        (
            "I",
            "What would you say are the core principles your model is based on?",
            "What would you say are the core principles",
        ),
        (
            "R",
            "Three things, I'd say. One, every customer has one named adviser who stays with them, so they're not passed around. Two, we deal with barriers in the order that matters to the customer, so if it's housing, it's housing first, not a CV. And three, work is the goal, but we're honest that for some people the first step is stability, not a job. Those apply to everyone, not just offenders. With offenders the third one matters most.",
        ),
        (
            "I",
            "I know as Provider B you don't get the extra financial incentive for reducing reoffending, but has it affected your delivery model at all?",
            "How has the additional financial incentive",
        ),
        (
            "R",
            "Not directly, no. If anything, the effect's been indirect. Because the short sentence group comes to us from day one, same as it does for Provider A, we've had to get better at meeting people quickly. So the model's changed because of Day One rather than because of the money. I'd be lying if I said there wasn't a bit of competitive pride as well. We'd quite like to show we can do just as well without being paid extra.",
        ),
        (
            "I",
            "What, if anything, would you say is innovative about your delivery model?",
            "What is innovative about your delivery model",
        ),
        (
            "R",
            "The in-work support, I'd say. We have a dedicated in-work team who stay in touch for up to two years, and they work with the employer as well as the customer. That's been particularly useful for offenders, where the first few weeks in a job are the risky bit.",
        ),
        ("I", "Sorry, I think you've frozen on my screen. Can you still hear me?", None),
        (
            "R",
            "Yes, I'm here, sorry, my video's gone but the sound's fine. Carry on, I'll just be a black square for a bit. It does this every afternoon when the whole building gets on the network.",
        ),
        (
            "I",
            "No problem. Moving on to delivery in practice, can you describe how offenders are referred and attached to you?",
            "Can you describe how offenders are referred and attached",
        ),
        (
            "R",
            "The referral comes from Jobcentre Plus, electronically, like any other customer, but flagged as the offender group. We've got a few working days to contact them and get them in for an initial meeting, and that meeting is what triggers the attachment. For prison leavers we try to get an appointment booked before they're released, but that depends on the prison telling the Jobcentre and the Jobcentre telling us, and that's two handovers where it can go wrong. Our attachment rate for offenders is noticeably lower than for other groups, by about a third.",
        ),
        (
            "I",
            "And how adequate is the information you receive about offenders from Jobcentre Plus?",
            "How adequate is the information you receive about offenders",
        ),
        (
            "R",
            "Thin. Basic details, and sometimes a release date. No risk information, no offence, no probation contact. We understand why, there are rules about what can be shared, but it puts our advisers in a difficult position. They're doing the assessment blind. We've asked for a risk flag at the very least. Just something that says, talk to probation before you see this person on your own.",
        ),
        (
            "I",
            "How far has delivery been as you anticipated, in terms of the number of offenders you're seeing and the outcomes?",
            "How far has delivery been as you anticipated",
        ),
        (
            "R",
            "Numbers coming in are lower than we planned for. The forecasts assumed a lot more prison leavers claiming JSA than has actually happened. Outcomes are lower too, but that's more or less in line with what we expected for this group. So it's not that the model isn't working, it's that the volume assumptions were off, and with outcome payments that means less money coming in to pay for it.",
        ),
        (
            "I",
            "Thinking overall, what are your views on delivering support to offenders through the Work Programme, positive and negative?",
            "What are your views on delivery of support to offenders through the Work Programme",
        ),
        (
            "R",
            "Positive, it's got people onto support earlier, which is good. Negative, the payments don't reflect how hard this group is to help, and the information we get at referral is poor. And from the Provider B side, it's hard to stay motivated to innovate when the other provider gets paid more for the same people.",
        ),
        ("I", "Thank you, that's very helpful.", None),
    ],
)

SIB = Interview(
    file="peterborough_one_service_caseworker.txt",
    guide="peterborough_sib",
    interviewer="James Patel",
    respondent="Nicola Grant",
    attributes={
        "respondent_type": "One Service caseworker",
        "area": "Peterborough",
        "wave": "2",
        "interview_date": "2013-11-14",
        "interviewer": "JP",
    },
    turns=[
        (
            "I",
            "Could you start by telling me about your involvement in the SIB here at Peterborough?",
            "Could you tell me about your involvement in the SIB at Peterborough",
        ),
        (
            "R",
            "I'm a caseworker with the One Service. I've been on it for about two years, so I joined after the first cohort started. Before that I was a support worker in a hostel, so a lot of the people I see now I already knew from that side. It's not a big city, you get to know everyone eventually.",
        ),
        (
            "I",
            "Across the SIB as a whole, what services are provided to offenders under the One Service?",
            "What services are provided to offenders under the SIB",
        ),
        (
            "R",
            "It's quite broad. There's the caseworkers, like me, who do the one-to-one work. Then there's what we buy in or link to. Housing advice, there's a worker from a housing charity who's in a couple of days a week. A mentoring scheme with volunteers. Family support, someone who works with partners and kids. Help with benefits and ID. And employment, though that's a smaller part than people think, because most of our lot are a long way from work when they come out. The idea is that whatever someone needs, we either do it or we know who does.",
        ),
        (
            "I",
            "Please describe your day-to-day work with offenders, how many people you see and so on.",
            "Please describe your day-to-day work with offenders",
        ),
        (
            "R",
            "My caseload's about twenty-five at any one time, mixed between people still inside and people who've been released. A typical day, I'll be in the prison in the morning, seeing people who are due out in the next few weeks, doing their needs assessment, making plans. Then the afternoon is out in the community, meeting people, taking them to appointments, the housing office, the doctor, the Jobcentre.\n\nMeetings vary hugely. Someone in crisis I might see three or four times in a week. Someone who's settled, once a fortnight, maybe a phone call. We don't have a set pattern, that's the whole point, it's led by what they need.",
        ),
        ("I", "Can you say a bit more about that?", None),
        (
            "R",
            "Yeah. So, say someone comes out on a Friday, which is the worst day, because everything shuts at five. No bed, no script because the pharmacy hasn't got the paperwork, and their money isn't through. By Friday night they're either at a mate's where everyone's using or they're sleeping in the park. So for Friday releases we'll have someone on call. I've sat in a pharmacy for two hours waiting for a fax. That's what crisis looks like. It's not dramatic, it's just a lot of waiting rooms.",
        ),
        (
            "I",
            "How are the risks and needs of people in the cohort assessed?",
            "How, if at all are the risks and needs",
        ),
        (
            "R",
            "We do our own needs assessment when we first meet them inside. It's a form, but we use it as a conversation. Housing, money, drugs and alcohol, mental and physical health, family, education and work, attitudes. We score each one and that tells us where to start. For risk, we lean on the prison and the police a lot, and we'll always check before a home visit. We go over it again every three months, or sooner if something big happens, like a relationship breaking down.",
        ),
        (
            "I",
            "To what extent do you, as an organisation, provide services through the gate, from prison into the community?",
            "To what extent does your organisation provided services through the gate",
        ),
        (
            "R",
            "That's the core of it. We meet people at the gate on the day of release, nearly always, unless it's a court release that we didn't know about. We'll take them to wherever they need to go that first day. That first day is everything. If you can get them a bed and a bit of money and a prescription sorted on day one, you've got a chance. The barrier is release dates and times changing, and people being released from court, because then we miss them.",
        ),
        ("I", "And what training do you get as staff?", "What training, if any, do your staff members receive"),
        (
            "R",
            "We had two weeks' induction when I started, shadowing mostly, and then courses as we go. Motivational interviewing, which I use every single day. Mental health first aid. Safeguarding, obviously. Overdose awareness, which, erm, I've had to use once, outside the hostel, and I'm very glad I'd done it. I'd like more on mental health, honestly, because that's where I feel out of my depth.",
        ),
        (
            "I",
            "What's the take-up like? Do people want to engage with you?",
            "What is the rate of uptake by offenders of the services you offer",
        ),
        (
            "R",
            "Most do, once they understand it's voluntary and we're not probation. The ones who don't are usually either people who've got family support and don't feel they need it, or people who are so deep in their drug use that nothing gets through at that point. What helps is meeting them inside first. If they know your face before they walk out, they're much more likely to ring you.",
        ),
        (
            "I",
            "What are the main challenges in reducing reoffending with this group?",
            "What are the main challenges to reducing reoffending with this cohort",
        ),
        (
            "R",
            "Housing, by a mile. There just isn't anything for single men with a record. Then substance misuse, and mental health, which often go together. And the fact that a lot of them have been in and out for years and don't believe anything will be different this time. You're fighting that as well.",
        ),
        (
            "I",
            "Does the need to hit the outcome measure, the reconviction result the investors are paid on, affect how you work with people?",
            "To what extent, if any, is your work with offenders affected by the need",
        ),
        (
            "R",
            "Not for me, day to day. I don't think about the measure when I'm sat with someone. I think the managers do, and it shapes things like making sure everyone in the cohort gets offered the service, which is the point, we can't pick the easy ones. If anything it means we don't give up on people. Everyone counts, so there's no reason to drop the difficult ones, and they're usually the ones who need us most.",
        ),
        ("I", "Sorry, is that your phone?", None),
        (
            "R",
            "It is, sorry. It's one of my clients, I'll ring him back after. He'll only want to know if his bus pass has come. Sorry, go on.",
        ),
        (
            "I",
            "How would you describe the relationships between the One Service and the local agencies, the police, probation, housing and so on?",
            "How would you describe the relationships between the SIB/ One Service",
        ),
        (
            "R",
            "Mostly good. The prison have been brilliant, they let us on the wings and they tell us release dates. Probation varies, some officers really get what we do and some see us as treading on their toes. The police have been interested, they come to our meetings. Housing is the hard one, not because the people are unhelpful but because there's nothing to give. The drug service is good, we've got a named worker there.",
        ),
        (
            "I",
            "Have you run into any particular challenges with the agencies you signpost people to?",
            "Have you encountered any particular challenges with agencies to which you signpost",
        ),
        (
            "R",
            "Waiting lists, mainly. Mental health services especially. You refer someone and they're told it's twelve weeks, and in twelve weeks they're back in prison. And some agencies don't take people with certain offences, which you understand, but it leaves a gap.",
        ),
        (
            "I",
            "Is there any duplication between what you do and the support other agencies are offering?",
            "To what extent, if any, is there duplication",
        ),
        (
            "R",
            "A bit, with probation for the ones who are on licence, and with the drug service. Sometimes a person's got three workers all writing a support plan. We try to sort out who's doing what early on, so if the drug worker's doing the script and the counselling, I'll stay out of that and do the housing. It works when people talk. When they don't, the person ends up telling their story three times, and they get fed up, understandably.",
        ),
        (
            "I",
            "What lessons are there for others trying to build local partnerships to reduce reoffending?",
            "What lessons, if any, are there for others seeking to build local partnerships",
        ),
        (
            "R",
            "Get to know people personally. Honestly, half of what makes it work is that I can ring someone at the council by name. Go to their meetings, invite them to yours. And be clear about what you do and don't do, so nobody feels you're taking their job.",
        ),
        (
            "I",
            "Could you describe the role of volunteers in the One Service?",
            "Could you describe the role of volunteers",
        ),
        (
            "R",
            "We've got volunteer mentors, some with their own experience of prison, some not. They do the things I haven't got time for. Going with someone to an appointment, having a coffee, just being around on a Saturday when everything's closed. Some of the best work is done by them, honestly. There's one, Pete, who's been out ten years, and the lads listen to him in a way they'd never listen to me.",
        ),
        ("I", "And how are volunteers matched with the people they support?", "How, if at all, are volunteers matched"),
        (
            "R",
            "Mostly by the volunteer coordinator, on interests and where people live. And on gut feeling, to be honest, we'll think about who'd get on. We're careful with some offences, so certain volunteers wouldn't be matched with certain people. And if a match doesn't work, we change it, no hard feelings on either side.",
        ),
        (
            "I",
            "Aside from reducing reoffending, what benefits has the service had for people's families, or the community?",
            "Aside from reducing reoffending",
        ),
        (
            "R",
            "Families, definitely. I've had mums ring me just to say thank you, because for once they weren't the only one trying. Partners too. We've helped people get contact with their kids back, through the proper channels. The community, harder to say. Fewer people sleeping rough straight out of prison, maybe, and that's visible in a place this size. But I wouldn't want to overclaim.",
        ),
        ("I", "What do you think the strengths of the pilot have been?", "What do you think the strengths"),
        (
            "R",
            "Flexibility, first. We can spend a bit of money on whatever will make the difference, a bus pass, a pair of boots, a deposit, without filling in six forms. Then the fact that it's voluntary, people choose to work with us. And that it's for everyone on a short sentence, not just the ones somebody's decided deserve it.",
        ),
        (
            "I",
            "Overall, what impact do you think the pilot has made?",
            "What impact, if any, do you think the pilot has made",
        ),
        (
            "R",
            "For the people I work with, I think it's made a real difference, at least in the short term. People who would have walked out with nothing now have someone. Whether that shows up in the reoffending numbers, I don't know, that's above my pay grade. But I've seen people stay out who I'd never have bet on.",
        ),
        ("I", "Great. Thank you so much for your time.", None),
    ],
)

PAIRED = Interview(
    file="provider_a_paired_advisers.vtt",
    guide="provider_operational",
    interviewer="Ruth Okafor",
    respondent="Dawn Fletcher",
    respondent2="Lee Barnes",
    attributes={
        "respondent_type": "Provider A operational staff",
        "area": "Pilot area",
        "wave": "1",
        "interview_date": "2015-06-18",
        "interviewer": "RO",
    },
    turns=[
        (
            "I",
            "Okay, it says it's recording. Can you both see the little red dot at the top? Lovely. Thanks both for doing this together, I know it's easier to find one slot than two.",
            None,
        ),
        ("R", "No problem. Lee's in the office and I'm working from home today, so sorry in advance if the dog barks."),
        ("R2", "She will bark. She always does."),
        (
            "I",
            "Ha, that's fine. Let's start with your roles. Could you each give me an overview of your role in relation to the Work Programme and the pilot? Dawn, maybe you first.",
            "Can you give me an overview of your role is in relation",
        ),
        (
            "R",
            "Sure. I'm one of the two offender specialist advisers in the office. I've been here just over two years, and before that I worked in a hostel for people coming out of prison, so I came at it from the support side rather than the employment side. My caseload's mostly offenders, both the pilot group, the under twelve month sentences, and the longer sentence group. I pick up a few general customers as well when we're busy.",
        ),
        (
            "R2",
            "I'm an employment adviser, but I'd say half my job's employer engagement now. I don't specialise in offenders as such, I see everyone, but I work very closely with Dawn, because a lot of the jobs her people go into come through employers I've got to know. I've been here about eighteen months. Before that I was in recruitment, agency work mostly.",
        ),
        (
            "I",
            "And have either of you had any training specifically for working with offenders?",
            "Have you received any training or development",
        ),
        (
            "R2",
            "I haven't really, not formally. I went to the session on disclosure that Dawn ran, which was honestly the most useful hour I've spent here.",
        ),
        (
            "R",
            "That's kind of you. I had a couple of days from a charity when the offender group started, and I've pushed for it for the whole team since. It's not rocket science, it's mostly knowing the rules on disclosure and not being frightened of people. But if you haven't had it you can do harm without meaning to, like telling someone they have to disclose a conviction that's already spent.",
        ),
        (
            "I",
            "Okay. Can you describe how offenders are referred and attached to the programme, from your side?",
            "Can you describe how offenders are referred and attached",
        ),
        (
            "R",
            "The referral comes through from the Jobcentre on the system, flagged as offender, and then it's on us to make contact. For the short sentence people that's the hard part. You ring, the number's dead. You write, the letter comes back. So what's worked is getting to them before they come out. We've got an arrangement with the local prison where I go in on a Tuesday and see the people due out in the next fortnight. I explain who we are, that we're not probation, that there's money for things like travel and work clothes. Then on the day, if I can, I meet them outside. A warm handover, I suppose you'd call it.",
        ),
        (
            "R2",
            "And it makes a massive difference. The ones Dawn's met at the gate, I'll see them in my employer sessions within a couple of weeks. The ones who came through cold, half of them I never meet.",
        ),
        (
            "I",
            "What about people from that prison who live outside your area? How is contact managed with them?",
            "How is contact managed with those offenders who live outside the CPA",
        ),
        (
            "R",
            "That's a real problem. The prison takes people from a wide area, so maybe a third of the men I see inside are going home somewhere that isn't our patch. They get referred to whichever provider covers where they'll live, and I've no way of passing on what I know about them. I did try ringing a couple of offices elsewhere, but there's no named contact, so you end up leaving a message with a switchboard. It feels like such a waste, when you've built up a bit of trust with someone.",
        ),
        (
            "I",
            "Right. What would you say are the main barriers that offenders face, and how do they compare with other customers?",
            "What are the barriers experienced by offenders",
        ),
        (
            "R2",
            "From the employer end, it's the record, no question. I've got employers who'll take anyone who turns up on time, and employers who won't touch a conviction whatever it was. The skill is knowing which is which before you send someone.",
        ),
        (
            "R",
            "From my end it's everything before that. Housing, mainly. Drugs and drink. A lot of mental health problems that have never been diagnosed. Debt, people come out owing court fines and rent arrears from before. And confidence. People who've been in and out since they were teenagers often just don't believe anyone will give them a chance, and they're half right. The long sentence people are different again. They've often done courses, they're clean, but they've been out of the world for years. They don't know how to use a job website.",
        ),
        ("I", "Can you say a bit more about that, the confidence side?", None),
        (
            "R",
            "Yeah. It's, erm. So I had a man, I'll call him Steve, late forties, in and out for twenty years. Really capable. He'd run a market stall at one point. But every time I mentioned a job he'd find a reason it wouldn't work. It took me months to realise he was terrified of the form, the bit that asks if you've got any convictions. Once we'd practised what he'd say, and Lee had found an employer who'd already said yes in principle, he went for it. He's still there, actually.",
        ),
        ("R2", "Still there. I saw him last week, he's on the forklift now."),
        (
            "I",
            "That's great. What assessments do you carry out with people when they first come to you?",
            "If they conduct assessments of needs, what assessments are carried out",
        ),
        (
            "R",
            "There's the standard diagnostic everyone gets, it's on the system, skills, work history, barriers, that kind of thing. For offenders I add my own bit on top, which is really a conversation about their licence conditions if they've got them, where they're living, what they're using, and what the offence was, because that affects what jobs they can go for. We don't have a proper distance travelled tool, which I'd like. You can see people making real progress that never shows in the job numbers.",
        ),
        (
            "I",
            "How much freedom do you have to decide what to deliver, and to whom?",
            "How much freedom do you have to decide what to deliver to whom",
        ),
        (
            "R2",
            "Quite a lot, honestly. More than I expected coming from recruitment. There's a minimum we have to do, the regular contact and the reviews, but beyond that it's our call.",
        ),
        (
            "R",
            "Yes, within a budget. If I want to spend money on someone, a course, boots, a bus pass for a month, I put in a request and it's nearly always fine. Being Provider A, there's a bit more slack for the pilot group, because the company gets paid if they stay out of trouble, so there's a reason to spend on the things that aren't strictly about work.\n\nWhat we can't change is probation's requirements. If someone's got a curfew, or an exclusion zone, or an appointment every week, I have to work round that, and that can rule out a lot of jobs. Shift work, mainly.",
        ),
        (
            "I",
            "Do you prioritise particular types of offender, or offenders over other customers?",
            "Do you prioritise particular types of offender for support",
        ),
        (
            "R",
            "Not officially. Unofficially, I'd say the pilot group gets a bit more of my time, because they're the most chaotic and because they're the ones where the first few weeks make the difference. I suppose that is prioritising, when you say it out loud.",
        ),
        (
            "R2",
            "I'd say I prioritise whoever's nearest to a job, if I'm honest, because I've got employers waiting. Which is probably the opposite of what Dawn does. It sort of balances out between us.",
        ),
        ("I", "Does that cause any tension between the two of you?", None),
        (
            "R2",
            "Not really. We argue about it over lunch, but it's friendly. If anything it works, because between us somebody's always thinking about the employer and somebody's always thinking about the person.",
        ),
        (
            "I",
            "Apart from your own supply chain, do you refer people on to other organisations?",
            "Other than these sub-contractors, do you refer your participants on to other organisations",
        ),
        (
            "R",
            "All the time. The drug service, the council's housing team, a debt advice charity, the food bank when we have to. The handover's the weak bit. I'll fill in a referral and then not hear anything back, and I don't know if the person ever turned up. The drug service is the exception. We've got a named worker there, Sam, who rings me back, and that relationship is worth more than any form.",
        ),
        (
            "I",
            "Lee, you mentioned employers. Do you work with employers to deliver opportunities for offenders specifically?",
            "Do you work with any employers to deliver opportunities",
        ),
        (
            "R2",
            "Yes. I've got, erm, maybe a dozen employers I'd call offender-friendly. A couple of warehouses, a recycling firm, a cafe that's a social enterprise, a builder who was inside himself years ago and likes to give people a start. The key is I'm always upfront. I'll ring the employer, say I've got someone with a conviction, here's what it was, here's what they've done since, and here's why I think they'd be good. If I hid it and it came out later, I'd lose that employer for everyone, not just for that one person. I also do a bit of preparation with the employer, what to expect, who to ring if there's a problem.",
        ),
        (
            "I",
            "And has that changed at all since the pilot started?",
            "[Pilot areas only] Has this changed under the Employment and Reoffending Pilot",
        ),
        (
            "R2",
            "A bit. We've made more of an effort to find employers for the short sentence group, because they're the ones we're now seeing straight out of prison. But the employers don't know or care about the pilot. For them it's just, is this person going to turn up on Monday.",
        ),
        (
            "I",
            "How are offenders responding to the programme, would you say? What's working well and what's working less well?",
            "How are offenders responding to the programme",
        ),
        (
            "R",
            "The one-to-one works. The relationship is everything. If they trust you, they'll tell you when things are going wrong, and you can do something about it before it falls apart. What works less well is anything that feels like the Jobcentre. Group sessions, mandatory courses that have nothing to do with them. They vote with their feet.",
        ),
        (
            "R2",
            "And speed. The ones who get into something quickly, even a few weeks' agency work, do better than the ones who sit on the programme for months. Momentum matters more than people think.",
        ),
        ("I", "Sorry, Dawn, I think the dog's made an appearance.", None),
        ("R", "Sorry! That's the postman. She'll settle down in a minute. Go on, sorry."),
        (
            "I",
            "How do you feed back to the prime provider, to head office, about how delivery with offenders is going and what could be done better?",
            "How do you provide feedback to the Prime provider",
        ),
        (
            "R",
            "There's a monthly team meeting where we go through cases, and our manager takes anything big up to the contract meeting. I've written a couple of short papers for head office on the gate work, with numbers, because numbers are the only thing that gets listened to. Whether anyone read them, I don't know. The gate work did get extended to a second prison after that, so maybe.",
        ),
        (
            "I",
            "And what do you see as the likely outcomes for the offenders you're working with?",
            "What do you see as the likely outcomes from delivery",
        ),
        (
            "R2",
            "Jobs for a fair few of the long sentence group. For the short sentence lot, fewer, but some. I'd be happy with one in five.",
        ),
        (
            "R",
            "I'd add that some of the most important outcomes won't get counted. Someone who's kept a tenancy for a year, who's seeing their kids again, who hasn't been back inside. They might not be in work yet, but they're a lot closer than they were.",
        ),
        (
            "I",
            "Last one from me. Is there anything else you'd like to add about the implementation of the pilot, or the impact it's having?",
            "Is there anything else you would like to add in respect to the implementation",
        ),
        (
            "R",
            "Just that it's made us take the short sentence group seriously. Before Day One and the pilot, they'd turn up months after release, if at all. Now we see them from the start. Whatever the numbers say in the end, that's a change for the better.",
        ),
        ("R2", "Agreed. And, erm, that Dawn should be running the training for the whole company."),
        ("R", "Lee, stop it."),
        (
            "I",
            "I'll make a note of that. Thank you both, that's been really helpful. I'll stop the recording now.",
            None,
        ),
    ],
)

INTERVIEWS = [STAKEHOLDER, PROVIDER_A, PRISONER, EBA, PROVIDER_B, SIB, PAIRED]


# ----- timing: about 2.6 words a second, a second's pause between turns -----


def _timed(interview: Interview) -> list[tuple[str, str, float, float]]:
    out = []
    clock = 4.0
    for turn in interview.turns:
        who, text = turn[0], turn[1]
        seconds = max(1.5, len(text.split()) / 2.6)
        out.append((who, text, clock, clock + seconds))
        clock += seconds + 1.0
    return out


def _hms(seconds: float, sep: str = ".", millis: bool = True) -> str:
    whole = int(seconds)
    stamp = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return stamp + (f"{sep}{int(round((seconds - whole) * 1000)) % 1000:03d}" if millis else "")


# ----- writers, one per format -----


def write_docx(interview: Interview, path: Path) -> None:
    """Transcriber style: heading, metadata lines, bold 'Interviewer:'/'Respondent:' labels."""
    import docx

    document = docx.Document()
    document.add_paragraph(HEADING)
    for key, value in (
        ("Date", interview.attributes["interview_date"]),
        ("Interviewer", interview.interviewer),
        ("Respondent", interview.respondent),
        ("Duration", "52 minutes"),
    ):
        document.add_paragraph(f"{key}: {value}")
    document.add_paragraph("")
    for who, text, *_ in interview.turns:
        paragraphs = text.split("\n\n")
        first = document.add_paragraph()
        first.add_run("Interviewer:" if who == "I" else "Respondent:").bold = True
        first.add_run(" " + paragraphs[0])
        for more in paragraphs[1:]:
            document.add_paragraph(more)  # an answer continuing over an unlabelled paragraph
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_stable_zip(buffer.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed timestamps so re-running changes no bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(
                    rb"<dcterms:(created|modified)([^>]*)>[^<]*<", rb"<dcterms:\1\2>2015-01-01T00:00:00Z<", content
                )
            info = zipfile.ZipInfo(item.filename, date_time=(2015, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


def write_ir_txt(interview: Interview, path: Path) -> None:
    """Typed I:/R: transcript, hard-wrapped at 90 columns, paragraphs separated by blank lines."""
    lines = [
        HEADING,
        "",
        f"Interview date: {interview.attributes['interview_date']}",
        "Interviewer: " + interview.interviewer,
        "Respondent type: " + interview.attributes["respondent_type"],
        "",
    ]
    for who, text, *_ in interview.turns:
        for i, paragraph in enumerate(text.split("\n\n")):
            body = (f"{who}: " if i == 0 else "") + paragraph
            lines.extend(textwrap.wrap(body, 90))
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_bracket_txt(interview: Interview, path: Path) -> None:
    """``[00:01:23] Name: text`` lines, as typists working from a recording write them."""
    names = {"I": "Interviewer", "R": interview.respondent.split()[0]}
    lines = [HEADING, ""]
    for who, text, start, _ in _timed(interview):
        paragraphs = text.split("\n\n")
        lines.append(f"[{_hms(start, millis=False)}] {names[who]}: {paragraphs[0]}")
        lines.extend(paragraphs[1:])
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_otter_txt(interview: Interview, path: Path) -> None:
    """Speech-to-text export style: ``Name  0:03`` on its own line, then the words."""
    lines = [HEADING, ""]
    for who, text, start, _ in _timed(interview):
        lines.append(f"{interview.name(who)}  {int(start) // 60}:{int(start) % 60:02d}")
        lines.append(text.replace("\n\n", "\n"))
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def _cues(text: str, start: float, end: float, size: int = 14):
    words = text.replace("\n\n", " ").split()
    chunks = [words[i : i + size] for i in range(0, len(words), size)]
    step = (end - start) / len(chunks)
    for k, chunk in enumerate(chunks):
        yield " ".join(chunk), start + k * step, start + (k + 1) * step


def write_vtt(interview: Interview, path: Path) -> None:
    """Microsoft Teams export: cue ids, ``<v Name>`` voice tags, long turns over many cues."""
    out = ["WEBVTT", "", "NOTE", HEADING, ""]
    n = 0
    for who, text, start, end in _timed(interview):
        for chunk, a, b in _cues(text, start, end):
            n += 1
            out += [f"6f1c2e9a-demo/{n}-0", f"{_hms(a)} --> {_hms(b)}", f"<v {interview.name(who)}>{chunk}</v>", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_zoom_vtt(interview: Interview, path: Path) -> None:
    """Zoom cloud-recording export: numbered cues, ``Name: text`` in every cue, no voice tags."""
    # Zoom writes no NOTE; the heading goes in one so that nothing but talk is in the cues.
    out = ["WEBVTT", "", "NOTE", HEADING, ""]
    n = 0
    for who, text, start, end in _timed(interview):
        words = len(text.split())
        size = -(-words // -(-words // 16))  # at most 16 words a cue, evenly spread: no one-word tail cue
        for chunk, a, b in _cues(text, start, end, size=size):
            n += 1
            out += [str(n), f"{_hms(a)} --> {_hms(b)}", f"{interview.name(who)}: {chunk}", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(interview: Interview, path: Path) -> None:
    """Zoom-like .srt: ``Name: text`` on a turn's first cue, later cues unlabelled."""
    out = []
    n = 0
    for who, text, start, end in _timed(interview):
        for k, (chunk, a, b) in enumerate(_cues(text, start, end, size=12)):
            n += 1
            out += [
                str(n),
                f"{_hms(a, ',')} --> {_hms(b, ',')}",
                (f"{interview.name(who)}: " if k == 0 else "") + chunk,
                "",
            ]
    # .srt has no comment syntax: the heading is the first cue, which the reader keeps out of the talk.
    heading = ["0", "00:00:00,000 --> 00:00:03,000", HEADING, ""]
    path.write_text("\n".join(heading + out), encoding="utf-8")


WRITERS = {
    STAKEHOLDER.file: write_docx,
    PROVIDER_A.file: write_ir_txt,
    PRISONER.file: write_bracket_txt,
    EBA.file: write_vtt,
    PROVIDER_B.file: write_srt,
    SIB.file: write_otter_txt,
    PAIRED.file: write_zoom_vtt,
}

README = (
    f"""# Demo transcripts

**{HEADING}.** Every interview here is fictional: written for this project to
demonstrate and test the workbench. The people, organisations' staff and events
are invented; no text comes from a real interview or from any evaluation report.
Names in them, including names mentioned inside answers (an adviser's first
name, a client called by a made-up name), are fictional and are pseudonymised in
exports like any other.

Each follows one of the shipped topic guides (`topic_guides/`), in a format real
projects receive. Each leaves one or two of its guide's key questions unasked, as
real interviews do, so the coverage view has misses to show.
`provider_a_paired_advisers.vtt` is a paired interview: one interviewer, two
Provider A advisers.

| file | guide | format |
|---|---|---|
"""
    + "".join(f"| `{i.file}` | `{i.guide}` | {WRITERS[i.file].__doc__.splitlines()[0]} |\n" for i in INTERVIEWS)
    + """
`cases.csv` holds each case's attributes (respondent type, area, wave, interview
date, interviewer), keyed by file name. Regenerate everything with
`.venv/bin/python scripts/make_demo_transcripts.py`; the interviewer turns' answer
key (which guide question each one asks) is in that script.
"""
)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for interview in INTERVIEWS:
        WRITERS[interview.file](interview, OUT / interview.file)
    with (OUT / "cases.csv").open("w", newline="", encoding="utf-8") as handle:
        columns = ["file", "respondent_type", "area", "wave", "interview_date", "interviewer"]
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for interview in INTERVIEWS:
            writer.writerow({"file": interview.file, **interview.attributes})
    (OUT / "README.md").write_text(README, encoding="utf-8")


if __name__ == "__main__":
    main()

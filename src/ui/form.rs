//! The guided form: circuit, then peerings (each with its address families), then the optional VNet
//! address spaces. Every control is a [`Field`] bound to a [`FieldPath`] of the plan document.

use super::field::{Control, Field, MessageLine};
use super::state::PlannerState;
use crate::domain::communities;
use crate::domain::field::{
    AddressFamily, CircuitField, FamilyPart, FieldPath, FilterField, Link, PeeringPart, RouterField,
};
use crate::domain::findings::Finding;
use crate::domain::peering::PeeringType;
use crate::domain::registry::RoutingRegistry;
use crate::domain::router::Vendor;
use leptos::either::Either;
use leptos::prelude::*;

/// Moves focus to the element matching `selector` inside the planner once the DOM has caught up, so
/// keyboard users stay where the action took them (the new peering, or the Add buttons after a removal).
fn focus_soon(selector: String) {
    request_animation_frame(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(Some(el)) = doc.query_selector(&selector) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// Adds a peering and puts the focus on its first field.
fn add_and_focus(state: PlannerState, peering_type: PeeringType) {
    let index = state.doc.with_untracked(|d| d.peerings.len());
    state.add_peering(peering_type.as_str());
    focus_soon(format!(
        ".pp-control[data-field=\"{}\"]",
        FieldPath::Peering(index, PeeringPart::PeerAsn)
    ));
}

/// Findings pointing exactly at `at` (a section rather than a control), shown once the plan counts as
/// submitted; the summary lists them too.
#[component]
fn SectionMessages(at: FieldPath) -> impl IntoView {
    let state = PlannerState::expect();
    let shown = Memo::new(move |_| {
        if !state.submitted.get() {
            return Vec::new();
        }
        state
            .analysis
            .with(|a| a.findings.at(at).cloned().collect::<Vec<Finding>>())
    });
    view! {
        <ul class="pp-messages" hidden=move || shown.with(|s| s.is_empty())>
            {move || shown.get().into_iter().map(|f| view! { <MessageLine finding=f/> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn CircuitSection() -> impl IntoView {
    view! {
        <section class="pp-card" aria-labelledby="pp-circuit-title" data-section="/circuit" tabindex="-1">
            <h2 id="pp-circuit-title">"1. Circuit"</h2>
            <p class="pp-help">
                "The ExpressRoute circuit the peerings belong to. Your provider must have provisioned it (Provider status: Provisioned) and must be a Layer 2 provider; with a managed Layer 3 provider, the provider configures the peerings for you."
            </p>
            <div class="pp-grid">
                <Field
                    path=FieldPath::Circuit(CircuitField::Subscription)
                    label="Subscription ID"
                    help="Optional. The GUID of the subscription that holds the circuit (portal: Subscriptions; or az account show --query id -o tsv). Empty: the scripts use your current az subscription."
                    control=Control::Text { inputmode: None }
                    placeholder="e.g. aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e"
                />
                <Field
                    path=FieldPath::Circuit(CircuitField::ResourceGroup)
                    label="Resource group"
                    help="The circuit's resource group (portal: the circuit's Overview page)."
                    control=Control::Text { inputmode: None }
                    placeholder="e.g. ExpressRouteResourceGroup"
                    required=true
                />
                <Field
                    path=FieldPath::Circuit(CircuitField::Name)
                    label="Circuit name"
                    help="The name of the ExpressRoute circuit resource."
                    control=Control::Text { inputmode: None }
                    placeholder="e.g. MyCircuit"
                    required=true
                />
            </div>
        </section>
    }
}

#[component]
pub fn PeeringsSection() -> impl IntoView {
    let state = PlannerState::expect();
    let has = move |t: PeeringType| {
        state.doc.with(|d| {
            d.peerings
                .iter()
                .any(|p| PeeringType::parse(&p.peering_type).ok() == Some(t))
        })
    };
    // Cards are keyed by position and type: removing a peering re-creates the cards after it, so no
    // card keeps the local state (a half-typed prefix list) of another peering.
    let cards = Memo::new(move |_| {
        state.doc.with(|d| {
            d.peerings
                .iter()
                .enumerate()
                .map(|(i, p)| (i, p.peering_type.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="pp-card" aria-labelledby="pp-peerings-title">
            <h2 id="pp-peerings-title">"2. Peerings"</h2>
            <p class="pp-help">
                "Add the peerings you need: Azure private peering for your virtual networks, Microsoft peering for Microsoft 365 and Azure public services. A circuit has at most one of each. "
                "Azure public peering was retired on 31 March 2024 and cannot be created on a circuit any more, so it is not offered: reach Azure public services through Microsoft peering instead."
            </p>
            <div class="pp-actions" data-section="/peerings" tabindex="-1">
                <button
                    type="button"
                    class="pp-button"
                    disabled=move || has(PeeringType::AzurePrivatePeering)
                    on:click=move |_| add_and_focus(state, PeeringType::AzurePrivatePeering)
                >
                    "Add private peering"
                </button>
                <button
                    type="button"
                    class="pp-button"
                    disabled=move || has(PeeringType::MicrosoftPeering)
                    on:click=move |_| add_and_focus(state, PeeringType::MicrosoftPeering)
                >
                    "Add Microsoft peering"
                </button>
            </div>
            <SectionMessages at=FieldPath::Peerings/>
            <For
                each=move || cards.get()
                key=|card| card.clone()
                children=move |(index, peering_type)| view! { <PeeringCard index=index peering_type=peering_type/> }
            />
        </section>
    }
}

fn peering_title(peering_type: &str) -> String {
    match PeeringType::parse(peering_type) {
        Ok(PeeringType::AzurePrivatePeering) => "Azure private peering".into(),
        Ok(PeeringType::MicrosoftPeering) => "Microsoft peering".into(),
        Err(_) if peering_type.trim().is_empty() => "Peering without a type".into(),
        Err(_) => format!("{peering_type} (cannot be planned)"),
    }
}

#[component]
fn PeeringCard(index: usize, peering_type: String) -> impl IntoView {
    let state = PlannerState::expect();
    let base = FieldPath::Peering(index, PeeringPart::Whole);
    let at = move |part| FieldPath::Peering(index, part);
    let title = peering_title(&peering_type);
    let title_id = format!("pp-peering-{index}-title");
    let microsoft = PeeringType::parse(&peering_type).ok() == Some(PeeringType::MicrosoftPeering);
    let asn_help = if microsoft {
        "Your own AS number, the local AS of your edge routers: use a public ASN on Microsoft peering (a private one needs manual validation). This is the peer ASN, not the customer ASN. asplain (65010) or asdot (1.10)."
    } else {
        "Your own AS number, the local AS of your edge routers (Azure's side is always AS 12076). A private ASN (64512-65514) is fine here; 65515-65520 are reserved. asplain (65010) or asdot (1.10)."
    };
    let remove_label = format!("Remove {title}");
    view! {
        <section
            class="pp-peering"
            aria-labelledby=title_id.clone()
            data-section=base.to_string()
            data-peering-card=peering_type.clone()
            tabindex="-1"
        >
            <div class="pp-peering-head">
                <h3 id=title_id.clone()>{title.clone()}" "<code>{peering_type.clone()}</code></h3>
                <button
                    type="button"
                    class="pp-button pp-button-secondary"
                    on:click=move |_| {
                        state.remove_peering(index);
                        focus_soon("[data-section=\"/peerings\"]".to_string());
                    }
                >
                    {remove_label}
                </button>
            </div>
            <SectionMessages at=at(PeeringPart::Type)/>
            <SectionMessages at=base/>
            <div class="pp-grid">
                <Field
                    path=at(PeeringPart::PeerAsn)
                    label="Peer ASN"
                    help=asn_help
                    control=Control::Text { inputmode: Some("numeric") }
                    placeholder=if microsoft { "e.g. 64999" } else { "e.g. 65010" }
                    required=true
                />
                <Field
                    path=at(PeeringPart::VlanId)
                    label="VLAN ID"
                    help="The 802.1Q VLAN (C-tag) of this peering, 1-4094, agreed with your provider. One VLAN serves both links and both families; it must differ from the other peering's."
                    control=Control::Text { inputmode: Some("numeric") }
                    placeholder=if microsoft { "e.g. 300" } else { "e.g. 200" }
                    required=true
                />
                <Field
                    path=at(PeeringPart::SharedKey)
                    label="Shared key (optional)"
                    help="The BGP MD5 password, 1-25 letters and digits, set the same on your routers. Kept in this page's memory only: never in the link, the draft or the outputs unless you ask."
                    control=Control::Secret
                    change_help="Change mode: leave empty to keep the live key. Type a new key (1-25 letters and digits) only to change it; that resets the BGP sessions. Kept in this page's memory only."
                />
            </div>
            <FamilyFields index=index family=AddressFamily::Ipv4 microsoft=microsoft/>
            <FamilyFields index=index family=AddressFamily::Ipv6 microsoft=microsoft/>
        </section>
    }
}

#[component]
fn FamilyFields(index: usize, family: AddressFamily, microsoft: bool) -> impl IntoView {
    let state = PlannerState::expect();
    let whole = FieldPath::family(index, family, FamilyPart::Whole);
    let at = move |part| FieldPath::family(index, family, part);
    let on = Memo::new(move |_| state.doc.with(|d| super::state::family_on(d, whole)));
    let (label, help, link_example, prefix_example, split) = match (family, microsoft) {
        (AddressFamily::Ipv4, false) => (
            "IPv4",
            "Two /30 link subnets (private or public addresses that do not overlap your VNets).",
            ("e.g. 192.168.100.128/30", "e.g. 192.168.100.132/30"),
            "e.g. 10.10.0.0/16",
            "/29",
        ),
        (AddressFamily::Ipv4, true) => (
            "IPv4",
            "Two /30 link subnets of public addresses registered to you.",
            ("e.g. 123.0.0.0/30", "e.g. 123.0.0.4/30"),
            "e.g. 123.1.0.0/24",
            "/29",
        ),
        (_, false) => (
            "IPv6",
            "Two /126 link subnets.",
            ("e.g. fd00:10::/126", "e.g. fd00:10::4/126"),
            "e.g. fd00:100::/48",
            "/125",
        ),
        (_, true) => (
            "IPv6",
            "Two /126 link subnets of public addresses registered to you.",
            ("e.g. 2a01:111:f100::/126", "e.g. 2a01:111:f100::4/126"),
            "e.g. 2a01:111:f200::/48",
            "/125",
        ),
    };
    let link_len = format!("/{}", family.link_len());
    let switch_label = if family == AddressFamily::Ipv4 {
        "IPv4 peering"
    } else {
        "IPv6 peering"
    };
    let fields = {
        let link_len = link_len.clone();
        move || {
            let primary_help = format!(
                "The primary link's {link_len}: your router takes the first usable address, Microsoft's the second. Have one {split}? Type it here and split it into both links."
            );
            let secondary_help = format!("The secondary link's {link_len}, for the second BGP session (both are needed for the SLA).");
            view! {
                <div class="pp-grid">
                    <Field
                        path=at(FamilyPart::Link(Link::Primary))
                        label="Primary link subnet"
                        help=primary_help
                        control=Control::Text { inputmode: None }
                        placeholder=link_example.0
                        required=true
                    />
                    <Field
                        path=at(FamilyPart::Link(Link::Secondary))
                        label="Secondary link subnet"
                        help=secondary_help
                        control=Control::Text { inputmode: None }
                        placeholder=link_example.1
                        required=true
                    />
                </div>
                {(!microsoft).then(|| {
                    view! {
                        <Field
                            path=at(FamilyPart::OnPremisesPrefixes)
                            label="On-premises prefixes (router configs)"
                            help="The prefixes your routers advertise to Azure over this family's sessions: your on-premises networks. Only the router configs use them (their outbound filter); at most 4,000 IPv4 (10,000 with Premium) and 100 IPv6. One per line, or paste a list."
                            control=Control::List { rows: 3 }
                            placeholder=prefix_example
                        />
                    }
                })}
                {microsoft.then(|| {
                    let mut registries: Vec<(&'static str, &'static str)> = vec![("", "Not chosen")];
                    registries.extend(RoutingRegistry::ALL.iter().map(|r| (r.as_str(), r.as_str())));
                    view! {
                        <div class="pp-grid">
                            <Field
                                path=at(FamilyPart::AdvertisedPrefixes)
                                label="Advertised public prefixes"
                                help="The public prefixes your routers will advertise, registered to you or your ASN in an RIR/IRR; at most 200. One per line, or paste a list separated by commas or spaces."
                                control=Control::List { rows: 4 }
                                placeholder=prefix_example
                                required=true
                            />
                            <Field
                                path=at(FamilyPart::CustomerAsn)
                                label="Customer ASN (optional)"
                                help="Only when the prefixes are registered to another AS than your peer ASN. Must be public."
                                control=Control::Text { inputmode: Some("numeric") }
                                placeholder="e.g. 64998"
                            />
                            <Field
                                path=at(FamilyPart::RoutingRegistry)
                                label="Routing registry"
                                help="The registry where the prefixes (and ASN) are registered; Microsoft checks ownership there."
                                control=Control::Select { options: registries }
                            />
                            <Field
                                path=at(FamilyPart::RouteFilter)
                                label="Route filter"
                                help="Name (in the circuit's resource group) or full resource ID of the route filter that selects the Microsoft services you receive. Without one, you receive no Microsoft prefixes."
                                control=Control::Text { inputmode: None }
                                placeholder="e.g. MyRouteFilter"
                            />
                        </div>
                        <FilterRuleFields index=index family=family/>
                    }
                })}
            }
        }
    };
    view! {
        <fieldset class="pp-family" data-family=family.key()>
            <legend class="pp-legend">{label}</legend>
            <Field path=whole label=switch_label help=help control=Control::Switch/>
            {move || if on.get() { Either::Left(fields.clone()) } else { Either::Right(()) }}
        </fieldset>
    }
}

/// A route filter the plan creates for a Microsoft family: the switch, then its region, resource group,
/// rule name and the communities its rule allows (with the catalogue picker).
#[component]
fn FilterRuleFields(index: usize, family: AddressFamily) -> impl IntoView {
    let state = PlannerState::expect();
    let at = move |part| FieldPath::family(index, family, part);
    let whole = at(FamilyPart::FilterRule);
    let on = Memo::new(move |_| state.doc.with(|d| super::state::family_on(d, whole)));
    let fields = move || {
        view! {
            <div class="pp-grid">
                <Field
                    path=at(FamilyPart::FilterRuleField(FilterField::Location))
                    label="Route filter region"
                    help="The Azure region of the route filter, as its programmatic name (usually the circuit's region)."
                    control=Control::Text { inputmode: None }
                    placeholder="e.g. westeurope"
                    required=true
                />
                <Field
                    path=at(FamilyPart::FilterRuleField(FilterField::ResourceGroup))
                    label="Route filter resource group (optional)"
                    help="Empty: the circuit's resource group. It must exist."
                    control=Control::Text { inputmode: None }
                    placeholder="e.g. NetworkFilters"
                />
                <Field
                    path=at(FamilyPart::FilterRuleField(FilterField::RuleName))
                    label="Rule name (optional)"
                    help="The filter's one rule; empty: allow-communities."
                    control=Control::Text { inputmode: None }
                    placeholder="allow-communities"
                />
            </div>
            <Field
                path=at(FamilyPart::Communities)
                label="BGP communities to allow"
                help="The services and regions whose routes you receive: one community per line (12076:NNNNN). Find them below."
                control=Control::List { rows: 4 }
                placeholder="e.g. 12076:5010"
            />
            <CommunityPicker list=at(FamilyPart::Communities)/>
        }
    };
    view! {
        <div class="pp-filter-rule" data-filter-rule=whole.to_string()>
            <Field
                path=whole
                label="Create this route filter"
                help="On: the scripts create the route filter named above, with one rule that allows the communities you pick, and attach it. Off: the filter must exist already."
                control=Control::Switch
            />
            {move || if on.get() { Either::Left(fields()) } else { Either::Right(()) }}
        </div>
    }
}

/// Find Microsoft's communities by service or region and add one to the rule: the browser's own
/// suggestion list over the catalogue of [`communities::DATE`] (typing "Exchange" or "West Europe" finds
/// the value), then Add.
#[component]
fn CommunityPicker(list: FieldPath) -> impl IntoView {
    let state = PlannerState::expect();
    let query = RwSignal::new(String::new());
    let id = format!("{}-find", super::state::field_id(list));
    let options_id = format!("{id}-options");
    let status = RwSignal::new(String::new());
    let add = move |()| {
        let text = query.get_untracked();
        // "12076:5010 Exchange Online" (a suggestion) or a bare value.
        let value = text
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        if value.is_empty() {
            status.set(
                "Type a service or region (e.g. Exchange, West Europe), pick a suggestion, then Add community."
                    .into(),
            );
            return;
        }
        // A typed name that matches one entry ("Entra") is as good as its suggestion.
        let found = communities::lookup(&value).or_else(|| match communities::search(&text)[..] {
            [only] => Some(only),
            _ => None,
        });
        let Some(entry) = found else {
            let matches = communities::search(&text).len();
            status.set(if matches > 1 {
                format!("{matches} communities match {text:?}: pick one from the suggestions, then Add community.")
            } else {
                format!("{text:?} is not in the catalogue: type a service or region name and pick a suggestion.")
            });
            return;
        };
        let mut entries = state
            .doc
            .with_untracked(|d| d.list(list).cloned().unwrap_or_default());
        entries.retain(|c| !c.trim().is_empty());
        if entries.iter().any(|c| c.trim() == entry.value) {
            status.set(format!(
                "{} ({}) is in the list already.",
                entry.value, entry.name
            ));
        } else {
            entries.push(entry.value.to_string());
            state.set_list(list, entries);
            status.set(format!("Added {} ({}).", entry.value, entry.name));
        }
        query.set(String::new());
    };
    let options = communities::CATALOGUE
        .iter()
        .map(|e| {
            let mark = if e.authorization {
                ", needs authorization"
            } else {
                ""
            };
            let cloud = if e.cloud == communities::Cloud::Public {
                ""
            } else {
                e.cloud.label()
            };
            let text = format!("{} {}{mark} {cloud}", e.value, e.name);
            view! { <option value=text.trim_end().to_string()></option> }
        })
        .collect_view();
    view! {
        <div class="pp-picker">
            <label class="pp-label" for=id.clone()>"Find a community (service or region)"</label>
            <div class="pp-picker-row">
                <input
                    class="pp-control"
                    type="text"
                    id=id.clone()
                    list=options_id.clone()
                    autocomplete="off"
                    placeholder="e.g. Exchange, West Europe"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        // Enter adds the community instead of submitting the whole form.
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add(());
                        }
                    }
                />
                <button type="button" class="pp-button pp-button-secondary" on:click=move |_| add(())>
                    "Add community"
                </button>
            </div>
            <datalist id=options_id>{options}</datalist>
            <p class="pp-help">
                {format!("Microsoft's published values as of {}; compare with az network route-filter rule list-service-communities.", communities::DATE)}
            </p>
            <p class="pp-status" role="status" aria-live="polite">{move || status.get()}</p>
        </div>
    }
}

/// The router side: vendor, encapsulation, interfaces and BGP options for the router configs.
#[component]
pub fn RouterSection() -> impl IntoView {
    let at = FieldPath::Router;
    let mut vendors: Vec<(&'static str, &'static str)> =
        vec![("", "Not chosen (show every vendor)")];
    vendors.extend(Vendor::ALL.iter().map(|v| (v.key(), v.label())));
    let encapsulations: Vec<(&'static str, &'static str)> = vec![
        ("dot1q", "802.1Q (dot1q): one VLAN tag"),
        ("qinq", "QinQ: S-tag outside, the peering's VLAN inside"),
    ];
    view! {
        <section class="pp-card" aria-labelledby="pp-router-title" data-section="/routers" tabindex="-1">
            <h2 id="pp-router-title">"4. Router settings (optional)"</h2>
            <p class="pp-help">"For the configs of your two routers (primary and secondary link). The defaults work; set what your routers use."</p>
            <div class="pp-grid">
                <Field
                    path=at(RouterField::Vendor)
                    label="Router vendor"
                    help="The operating system of your routers: its configs open first and go into the handover sheet."
                    control=Control::Select { options: vendors }
                />
                <Field
                    path=at(RouterField::Encapsulation)
                    label="Encapsulation"
                    help="How the link is tagged. QinQ only when your provider or ExpressRoute Direct port hands you an outer S-tag."
                    control=Control::Select { options: encapsulations }
                />
                <Field
                    path=at(RouterField::STag)
                    label="S-tag (QinQ only)"
                    help="The outer VLAN tag, the same for every peering (1-4094)."
                    control=Control::Text { inputmode: Some("numeric") }
                    placeholder="e.g. 100"
                />
                <Field
                    path=at(RouterField::Interface(Link::Primary))
                    label="Primary router: parent interface"
                    help="The interface toward the primary link, without a sub-interface number; the configs add one per VLAN."
                    control=Control::Text { inputmode: None }
                    placeholder="e.g. GigabitEthernet0/0/1"
                />
                <Field
                    path=at(RouterField::Interface(Link::Secondary))
                    label="Secondary router: parent interface"
                    help="The interface toward the secondary link, on your second router."
                    control=Control::Text { inputmode: None }
                    placeholder="e.g. GigabitEthernet0/0/1"
                />
                <Field
                    path=at(RouterField::MaxPrefix)
                    label="Inbound maximum-prefix (optional)"
                    help="Warn when a session receives more prefixes than this (the configs never tear a session down). Empty: 1000 IPv4 / 100 IPv6 on private peering, 4000 on Microsoft peering."
                    control=Control::Text { inputmode: Some("numeric") }
                    placeholder="e.g. 1000"
                />
            </div>
            <Field
                path=at(RouterField::Bfd)
                label="BFD on the IPv4 sessions"
                help="Bidirectional Forwarding Detection, 300 ms x 3 as Microsoft runs it: a failed link is noticed in about a second instead of BGP's three minutes."
                control=Control::Switch
            />
        </section>
    }
}

#[component]
pub fn VnetSection() -> impl IntoView {
    view! {
        <section class="pp-card" aria-labelledby="pp-vnet-title" data-section="/vnetAddressSpaces" tabindex="-1">
            <h2 id="pp-vnet-title">"3. Virtual network address spaces (optional)"</h2>
            <Field
                path=FieldPath::VnetAddressSpaces
                label="VNet address spaces"
                help="The address spaces of the VNets you will connect through private peering (portal: the VNet's Address space). The planner checks that no private-peering link subnet overlaps them. One per line, or paste a list."
                control=Control::List { rows: 3 }
                placeholder="e.g. 10.1.0.0/16"
            />
        </section>
    }
}

//! USERNOTICEs from platform events: subscriptions, donations and raids are
//! announced in the channel's room, on every gateway; a raid also tells the
//! raiding room's web viewers where to go.

use std::sync::Arc;

use super::{Chat, Room};

/// A deferred USERNOTICE, applied once its room is loaded.
type Notice = Box<dyn FnOnce(&Room) + Send>;

/// Turn platform events into USERNOTICEs, for as long as the bus lives.
pub fn spawn(chat: Arc<Chat>, bus: &crate::events::Bus) {
    let mut rx = bus.subscribe();
    tokio::spawn(async move {
        while let Some(ev) = crate::events::next(&mut rx, "chat notices").await {
            let (login, notice): (String, Notice) = match ev {
                crate::events::Event::ChannelSubscribe(s) => (
                    s.broadcaster_user_login.clone(),
                    Box::new(move |room: &Room| {
                        let tier = s.tier.chars().next().unwrap_or('1');
                        let (id, sys) = if s.cumulative_months > 1 {
                            (
                                "resub",
                                format!(
                                    "{} subscribed at Tier {tier}. They've subscribed for {} months!",
                                    s.user_name, s.cumulative_months
                                ),
                            )
                        } else {
                            ("sub", format!("{} subscribed at Tier {tier}.", s.user_name))
                        };
                        let params = [
                            ("msg-param-cumulative-months", s.cumulative_months.to_string()),
                            ("msg-param-months", "0".to_string()),
                            ("msg-param-multimonth-duration", "1".to_string()),
                            ("msg-param-multimonth-tenure", "0".to_string()),
                            ("msg-param-should-share-streak", "0".to_string()),
                            ("msg-param-sub-plan", s.tier.clone()),
                            ("msg-param-sub-plan-name", format!("Tier {tier}")),
                            ("msg-param-was-gifted", "false".to_string()),
                        ];
                        room.usernotice(id, &s.user_id, &s.user_login, &sys, &params, None);
                    }),
                ),
                crate::events::Event::ChannelRaid(r) => {
                    // The raiding room's web viewers are taken to the raided channel.
                    if let Ok(Some(from)) = chat.room(&r.from_broadcaster_user_login).await {
                        from.raid_away(&r.to_broadcaster_user_login, &r.to_broadcaster_user_name, r.viewers);
                    }
                    (
                        r.to_broadcaster_user_login.clone(),
                        Box::new(move |room: &Room| {
                            let sys =
                                format!("{} raiders from {} have joined!", r.viewers, r.from_broadcaster_user_name);
                            let params = [
                                ("msg-param-displayName", r.from_broadcaster_user_name.clone()),
                                ("msg-param-login", r.from_broadcaster_user_login.clone()),
                                ("msg-param-viewerCount", r.viewers.to_string()),
                            ];
                            room.usernotice(
                                "raid",
                                &r.from_broadcaster_user_id,
                                &r.from_broadcaster_user_login,
                                &sys,
                                &params,
                                None,
                            );
                        }),
                    )
                }
                crate::events::Event::ChannelDonation(d) => (
                    d.donation.broadcaster_login.clone(),
                    Box::new(move |room: &Room| {
                        let amount = format!(
                            "{}.{:02} {}",
                            d.donation.amount / 100,
                            d.donation.amount % 100,
                            d.donation.currency
                        );
                        let sys = format!("{} donated {amount}!", d.donation.donor_name);
                        let params = [
                            ("msg-param-amount", d.donation.amount.to_string()),
                            ("msg-param-currency", d.donation.currency.clone()),
                            ("msg-param-donor-name", d.donation.donor_name.clone()),
                        ];
                        room.usernotice(
                            "donation",
                            &d.donation.user_id,
                            &d.user_login,
                            &sys,
                            &params,
                            Some(&d.donation.message),
                        );
                    }),
                ),
                _ => continue,
            };
            match chat.room(&login).await {
                Ok(Some(room)) => notice(&room),
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "could not load a chat room for a notice"),
            }
        }
    });
}

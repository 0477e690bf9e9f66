//! The estimator's input, and its checked, indexed form.

use std::collections::HashMap;

use crate::IdealError;

/// One country in one session: the unit that gets an ideal point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit {
    /// Country index; a country's units form one random-walk chain.
    pub country: u32,
    /// Session number; consecutive units of a country are linked in session order
    /// (a gap links the session to the most recent earlier one, as BSV do).
    pub session: u32,
}

/// One roll call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// Linked id: roll calls with the same link share β and the cutpoints (BSV's
    /// bridging of identical resolutions across sessions). Without bridging, a
    /// roll call's own id.
    pub link: u32,
}

/// One vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Obs {
    /// Index into [`Input::units`].
    pub unit: u32,
    /// Index into [`Input::items`].
    pub item: u32,
    /// 0 yes, 1 abstain, 2 no.
    pub y: u8,
}

/// Votes to scale: units, roll calls, and the votes that join them.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// Country-sessions; each must cast at least one vote.
    pub units: Vec<Unit>,
    /// Roll calls.
    pub items: Vec<Item>,
    /// Votes; at most one per unit and item.
    pub obs: Vec<Obs>,
}

/// The input indexed both ways, units in chain order (country, then session).
#[derive(Clone, Debug)]
pub(crate) struct Data {
    /// Internal unit → index in `Input::units`.
    pub unit_of: Vec<u32>,
    /// Chains as ranges of internal units.
    pub chains: Vec<(u32, u32)>,
    /// Random-walk prior precision: diagonal and super-diagonal within chains
    /// (the super-diagonal of a chain's last unit is 0).
    pub prior_diag: Vec<f64>,
    pub prior_off: Vec<f64>,
    /// Votes by internal unit: `u_start[u]..u_start[u+1]` into `u_obs`
    /// (parameter index, vote).
    pub u_start: Vec<u32>,
    pub u_obs: Vec<(u32, u8)>,
    /// Votes by item parameter: `p_start[p]..p_start[p+1]` into `p_obs`
    /// (internal unit, vote), and each entry's position in `u_obs`.
    pub p_start: Vec<u32>,
    pub p_obs: Vec<(u32, u8)>,
    pub p_pos: Vec<u32>,
}

impl Data {
    pub fn n_units(&self) -> usize {
        self.unit_of.len()
    }

    pub fn n_params(&self) -> usize {
        self.p_start.len() - 1
    }

    pub fn unit_obs(&self, u: usize) -> &[(u32, u8)] {
        &self.u_obs[self.u_start[u] as usize..self.u_start[u + 1] as usize]
    }

    pub fn param_obs(&self, p: usize) -> &[(u32, u8)] {
        &self.p_obs[self.p_start[p] as usize..self.p_start[p + 1] as usize]
    }

    /// The same design with other votes, given in `u_obs` order (for the bootstrap).
    pub fn with_votes(&self, y: &[u8]) -> Data {
        let mut d = self.clone();
        for (o, &v) in d.u_obs.iter_mut().zip(y) {
            o.1 = v;
        }
        for (o, &pos) in d.p_obs.iter_mut().zip(&self.p_pos) {
            o.1 = y[pos as usize];
        }
        d
    }

    /// Checks and indexes an input. `smooth` is BSV's `Smooth`; each link's prior
    /// variance is `smooth · n_s/(n_s + n_prev)`, and a chain's first unit is also
    /// tied to its second with variance `smooth` (BSV centre the first session on
    /// the next one).
    pub fn new(input: &Input, smooth: f64) -> Result<Data, IdealError> {
        if input.obs.is_empty() {
            return Err(IdealError::NoVotes);
        }
        let (nu, ni) = (input.units.len(), input.items.len());
        let mut count = vec![0u32; nu];
        for (k, o) in input.obs.iter().enumerate() {
            if o.unit as usize >= nu || o.item as usize >= ni {
                return Err(IdealError::BadIndex { obs: k });
            }
            if o.y > 2 {
                return Err(IdealError::BadVote { obs: k, y: o.y });
            }
            count[o.unit as usize] += 1;
        }
        if let Some(u) = count.iter().position(|&c| c == 0) {
            return Err(IdealError::EmptyUnit {
                country: input.units[u].country,
                session: input.units[u].session,
            });
        }
        let mut order: Vec<u32> = (0..nu as u32).collect();
        order.sort_by_key(|&u| input.units[u as usize]);
        for w in order.windows(2) {
            if input.units[w[0] as usize] == input.units[w[1] as usize] {
                let u = input.units[w[0] as usize];
                return Err(IdealError::DuplicateUnit {
                    country: u.country,
                    session: u.session,
                });
            }
        }
        let mut internal = vec![0u32; nu];
        for (i, &u) in order.iter().enumerate() {
            internal[u as usize] = i as u32;
        }
        let mut chains = Vec::new();
        let mut start = 0;
        for i in 1..=nu {
            if i == nu
                || input.units[order[i] as usize].country
                    != input.units[order[start] as usize].country
            {
                chains.push((start as u32, i as u32));
                start = i;
            }
        }
        let n: Vec<f64> = order
            .iter()
            .map(|&u| f64::from(count[u as usize]))
            .collect();
        let mut prior_diag = vec![0.0; nu];
        let mut prior_off = vec![0.0; nu];
        let mut link = |a: usize, w: f64| {
            prior_diag[a] += w;
            prior_diag[a + 1] += w;
            prior_off[a] -= w;
        };
        for &(s, e) in &chains {
            let (s, e) = (s as usize, e as usize);
            if e - s < 2 {
                continue;
            }
            link(s, 1.0 / smooth);
            for k in s + 1..e {
                link(k - 1, 1.0 / (smooth * n[k] / (n[k] + n[k - 1])));
            }
        }

        let mut params: HashMap<u32, u32> = HashMap::new();
        let param_of: Vec<u32> = input
            .items
            .iter()
            .map(|it| {
                let next = params.len() as u32;
                *params.entry(it.link).or_insert(next)
            })
            .collect();
        let np = params.len();

        let mut u_start = vec![0u32; nu + 1];
        let mut p_start = vec![0u32; np + 1];
        for o in &input.obs {
            u_start[internal[o.unit as usize] as usize + 1] += 1;
            p_start[param_of[o.item as usize] as usize + 1] += 1;
        }
        for i in 0..nu {
            u_start[i + 1] += u_start[i];
        }
        for i in 0..np {
            p_start[i + 1] += p_start[i];
        }
        let mut u_obs = vec![(0u32, 0u8); input.obs.len()];
        let mut fill = u_start.clone();
        for o in &input.obs {
            let u = internal[o.unit as usize] as usize;
            u_obs[fill[u] as usize] = (param_of[o.item as usize], o.y);
            fill[u] += 1;
        }
        // Each unit's votes sorted by parameter, to find duplicates and to make
        // the by-parameter index deterministic.
        for u in 0..nu {
            let s = &mut u_obs[u_start[u] as usize..u_start[u + 1] as usize];
            s.sort_unstable();
        }
        let mut p_obs = vec![(0u32, 0u8); input.obs.len()];
        let mut p_pos = vec![0u32; input.obs.len()];
        let mut fill = p_start.clone();
        for u in 0..nu {
            for k in u_start[u] as usize..u_start[u + 1] as usize {
                let p = u_obs[k].0 as usize;
                p_obs[fill[p] as usize] = (u as u32, u_obs[k].1);
                p_pos[fill[p] as usize] = k as u32;
                fill[p] += 1;
            }
        }
        for u in 0..nu {
            let s = &u_obs[u_start[u] as usize..u_start[u + 1] as usize];
            if s.windows(2).any(|w| w[0].0 == w[1].0) {
                let unit = input.units[order[u] as usize];
                return Err(IdealError::DuplicateVote {
                    country: unit.country,
                    session: unit.session,
                });
            }
        }
        Ok(Data {
            unit_of: order,
            chains,
            prior_diag,
            prior_off,
            u_start,
            u_obs,
            p_start,
            p_obs,
            p_pos,
        })
    }
}

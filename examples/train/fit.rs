//! Logistic regression by Newton's method with an L2 penalty, on standardised features:
//! deterministic (no random start, no sampling, sums in a fixed order) and exact to the last
//! iteration, for a few dozen features. Written out rather than taken from a crate: the
//! learning crates (`linfa`, `smartcore`) bring linear algebra stacks larger than the model.

#![allow(
    clippy::needless_range_loop,
    reason = "matrix arithmetic reads clearest by index"
)]

/// Newton steps at most; the fit stops earlier once no weight moves by more than `1e-9`.
const MAX_STEPS: usize = 50;

/// A fitted model over `N` features in the terms of [`crosscheck::confidence::Model`].
pub(crate) struct Fitted<const N: usize> {
    pub(crate) bias: f64,
    pub(crate) means: [f64; N],
    pub(crate) scales: [f64; N],
    pub(crate) weights: [f64; N],
}

impl<const N: usize> Fitted<N> {
    /// The probability the model gives `features`.
    pub(crate) fn predict(&self, features: &[f64; N]) -> f64 {
        let mut log_odds = self.bias;
        for i in 0..N {
            if self.scales[i] > 0.0 {
                log_odds += self.weights[i] * (features[i] - self.means[i]) / self.scales[i];
            }
        }
        1.0 / (1.0 + (-log_odds).exp())
    }
}

/// Fits a model to `rows` (features, and whether the finding was right or the sentence says
/// what its source says) with the penalty `l2` on each standardised weight: a prior that pulls
/// weights the data barely supports toward zero.
pub(crate) fn fit<const N: usize>(rows: &[([f64; N], bool)], l2: f64) -> Fitted<N> {
    let n = rows.len().max(1) as f64;
    let means: [f64; N] = std::array::from_fn(|i| rows.iter().map(|(x, _)| x[i]).sum::<f64>() / n);
    let scales: [f64; N] = std::array::from_fn(|i| {
        let variance = rows
            .iter()
            .map(|(x, _)| (x[i] - means[i]).powi(2))
            .sum::<f64>()
            / n;
        if variance > 1e-12 {
            variance.sqrt()
        } else {
            0.0
        }
    });
    // The design: an intercept, then each feature that varies, standardised.
    let used: Vec<usize> = (0..N).filter(|&i| scales[i] > 0.0).collect();
    let width = used.len() + 1;
    let design: Vec<Vec<f64>> = rows
        .iter()
        .map(|(x, _)| {
            std::iter::once(1.0)
                .chain(used.iter().map(|&i| (x[i] - means[i]) / scales[i]))
                .collect()
        })
        .collect();
    let mut beta = vec![0.0; width];
    for _ in 0..MAX_STEPS {
        let mut gradient = vec![0.0; width];
        let mut hessian = vec![vec![0.0; width]; width];
        for (row, (_, right)) in design.iter().zip(rows) {
            let z: f64 = row.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let residual = p - f64::from(u8::from(*right));
            let curvature = (p * (1.0 - p)).max(1e-9);
            for j in 0..width {
                gradient[j] += residual * row[j];
                for k in 0..=j {
                    hessian[j][k] += curvature * row[j] * row[k];
                }
            }
        }
        for j in 0..width {
            for k in 0..j {
                hessian[k][j] = hessian[j][k];
            }
            // The intercept is not penalised.
            if j > 0 {
                gradient[j] += l2 * beta[j];
                hessian[j][j] += l2;
            }
        }
        let step = solve(hessian, gradient);
        let moved = step.iter().fold(0.0_f64, |m, s| m.max(s.abs()));
        for (b, s) in beta.iter_mut().zip(&step) {
            *b -= s;
        }
        if moved < 1e-9 {
            break;
        }
    }
    let mut weights = [0.0; N];
    for (slot, &i) in used.iter().enumerate() {
        weights[i] = beta[slot + 1];
    }
    Fitted {
        bias: beta[0],
        means,
        scales,
        weights,
    }
}

/// Solves `matrix · x = vector` for a symmetric positive definite `matrix` (Cholesky).
fn solve(mut matrix: Vec<Vec<f64>>, mut vector: Vec<f64>) -> Vec<f64> {
    let n = vector.len();
    for j in 0..n {
        let mut diagonal = matrix[j][j];
        for k in 0..j {
            diagonal -= matrix[j][k] * matrix[j][k];
        }
        let diagonal = diagonal.max(1e-12).sqrt();
        matrix[j][j] = diagonal;
        for i in j + 1..n {
            let mut value = matrix[i][j];
            for k in 0..j {
                value -= matrix[i][k] * matrix[j][k];
            }
            matrix[i][j] = value / diagonal;
        }
    }
    for i in 0..n {
        for k in 0..i {
            vector[i] -= matrix[i][k] * vector[k];
        }
        vector[i] /= matrix[i][i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            vector[i] -= matrix[k][i] * vector[k];
        }
        vector[i] /= matrix[i][i];
    }
    vector
}

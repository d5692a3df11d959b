function summary = bpod_style_trial_loop(baseUrl, nTrials, agent)
%BPOD_STYLE_TRIAL_LOOP A Bpod-style two-choice protocol with a model running alongside.
%
%   summary = bpod_style_trial_loop('http://localhost:8080', 60)
%   summary = bpod_style_trial_loop(url, nTrials, 'boltzmann')   % another model
%
%   The subject does a two-armed reversal task (p = 0.8 / 0.2, swapped every 30
%   trials). The model shadows it: during each inter-trial interval (ITI) the protocol
%   asks the model for the coming trial (act: its predicted choice, probabilities and
%   latent signals, e.g. to trigger stimulation when the model's temperature is high);
%   after the outcome it posts feedback with the subject's own choice (shadow mode), or
%   a no-response when the subject did not choose. Rig timestamps and ids go along as
%   metadata, so the model's signals can be aligned with the recording afterwards. At
%   the end the trial log is saved as CSV next to the rig's own data file.
%
%   In a real Bpod protocol the act call goes where the ITI state runs (after
%   RunStateMachine returns the previous trial's data, before SendStateMachine for the
%   next), and the subject's choice and reward come from BpodSystem.Data.RawEvents.
%   This example simulates the subject so that it runs anywhere, in MATLAB or Octave.

if nargin < 1 || isempty(baseUrl)
    baseUrl = getenv('NEUROMOD_URL');
    if isempty(baseUrl)
        baseUrl = 'http://localhost:8080';
    end
end
if nargin < 2
    nTrials = 60;
end
if nargin < 3
    agent = 'neuromodulated';
end
here = fileparts(mfilename('fullpath'));
addpath(fullfile(here, '..', 'matlab'));

rng(17);  % a reproducible simulated subject
client = NeuromodClient(baseUrl, 'Timeout', 5);
session = client.createSession(agent, 2, 'Seed', 17, ...
    'Labels', struct('subject', 'm17', 'rig', 'box3', 'protocol', 'bpod-reversal'));
fprintf('session %s (%s, %d arms)\n', session.id, session.agent, session.arms);

subjectValues = [0 0];     % the simulated mouse's own action values
sessionClock = tic;        % stands in for the Bpod state machine's clock
choices = nan(1, nTrials);
agreed = 0;
stimulated = 0;
result = struct('logLikelihood', NaN);
for trialNumber = 1:nTrials
    % ---- ITI: ask the model about the coming trial --------------------------------
    itiStart = toc(sessionClock);
    decision = client.act(session, 'Metadata', struct( ...
        'bpodTrial', trialNumber, 'itiStart', itiStart, 'rigClock', 'bpod-sm'));
    % For example: stimulate on the coming trial when the model is unsure.
    stimulate = decision.signals.temperature > 0.5;
    stimulated = stimulated + stimulate;

    % ---- trial: the subject chooses; the state machine reports the outcome --------
    goodArm = 1 + mod(floor((trialNumber - 1) / 30), 2);   % 1-based, as in MATLAB
    p = exp(3 * subjectValues) / sum(exp(3 * subjectValues));
    if rand() < 0.05
        choice = [];                                       % no response: a miss
    else
        choice = 1 + (rand() > p(1));
    end
    choiceTime = toc(sessionClock);

    % ---- outcome: tell the model what the subject did ------------------------------
    if isempty(choice)
        client.feedback(session, decision.trial, [], 'Metadata', struct( ...
            'bpodTrial', trialNumber, 'outcomeTime', choiceTime, 'event', 'miss'));
        continue;
    end
    rewardProbability = 0.2 + 0.6 * (choice == goodArm);
    reward = double(rand() < rewardProbability);
    subjectValues(choice) = subjectValues(choice) + 0.3 * (reward - subjectValues(choice));
    choices(trialNumber) = choice;
    result = client.feedback(session, decision.trial, reward, ...
        'Action', choice - 1, ...                          % the contract is 0-based
        'Metadata', struct('bpodTrial', trialNumber, 'outcomeTime', choiceTime, ...
                           'stimulated', stimulate, 'event', 'choice'));
    agreed = agreed + (result.action == decision.action);
end

csvText = client.trialsCsv(session);
csvFile = [tempname(), '_m17_trials.csv'];
fid = fopen(csvFile, 'w');
fprintf(fid, '%s', csvText);
fclose(fid);

final = client.getSession(session);
summary = struct('session', session.id, 'trials', final.trials, ...
    'responded', sum(~isnan(choices)), 'modelAgreed', agreed, ...
    'logLikelihood', result.logLikelihood, 'stimulatedTrials', stimulated, 'csv', csvFile);
fprintf('%d trials, %d responses, model predicted %d of them, log-likelihood %.2f\n', ...
    summary.trials, summary.responded, summary.modelAgreed, summary.logLikelihood);
fprintf('%d trials would have been stimulated; trial log saved to %s\n', stimulated, csvFile);
client.deleteSession(session);
end

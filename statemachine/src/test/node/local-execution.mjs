// Runs one execution of a state machine definition with aws-local-stepfunctions, for the Java workflow tests
// (statemachine/src/test/java/.../LocalExecution.java starts it; see docs/workflow.md, "Testing the workflow").
//
//   node local-execution.mjs request.json
//
// request.json: { definitionPath, substitutions, input, executionName, bridgeUrl,
//                 waitTimeOverrides, retryIntervalOverrides, heartbeatOverrides, refuseTokensUntilStdinEnds }
//
// Every Task state is answered by the test JVM over HTTP (the "bridge"):
//   arn:aws:states:::lambda:invoke                   POST {bridgeUrl}/lambda/{function name}   body = Payload
//   arn:aws:states:::lambda:invoke.waitForTaskToken  the same, and then the task token is awaited
// The task token is awaited here the way Step Functions does it: this script serves
// SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat (AWS JSON 1.0, as the SDK's SfnClient sends them) and
// fails the state with States.HeartbeatTimeout when heartbeats stop for HeartbeatSeconds (or its override, in ms).
// aws-local-stepfunctions runs Wait/Retry/Catch/Choice/intrinsics itself but knows neither task tokens nor
// heartbeats, hence this part.
//
// The Lambda handlers reach this script's callback API at the URL in the bridge request's header
// X-Step-Functions-Endpoint (what the sync container's SfnClient is pointed at).
//
// Output, one JSON object per line on stdout: {"type":"Harness.StepFunctionsEndpoint","url":...} first, then the
// library's execution events (StateEntered, StateFailed, StateRetried, ...), then {"type":"Harness.Result", ...}.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

// aws-local-stepfunctions 3 targets Node 22; Promise.withResolvers is the only newer API it needs.
if (!Promise.withResolvers) {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
const { StateMachine } = await import('aws-local-stepfunctions');

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n');

function substitute(text, substitutions) {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, key) => {
    if (!(key in substitutions)) {
      throw new Error(`no substitution given for \${${key}}`);
    }
    return substitutions[key];
  });
}

function namedError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

// ---- task tokens: issued when a .waitForTaskToken state reads $$.Task.Token, settled by the callback API ----
const waiting = new Map(); // token -> { resolve, reject, beat }
const issued = new Set();
const context = {
  Execution: { Name: request.executionName, Id: `arn:aws:states:us-east-1:000000000000:execution:migration:${request.executionName}` },
  Task: {
    // A new token at each read: each attempt of a state (and each Map iteration's) evaluates its Parameters once.
    get Token() {
      const token = randomUUID() + '.' + randomUUID();
      issued.add(token);
      return token;
    },
  },
};

function awaitToken(token, heartbeatMs) {
  const { promise, resolve, reject } = Promise.withResolvers();
  let timer;
  const beat = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      waiting.delete(token);
      reject(namedError('States.HeartbeatTimeout', `no heartbeat for ${heartbeatMs} ms`));
    }, heartbeatMs);
  };
  const settle = (fn) => (value) => {
    clearTimeout(timer);
    waiting.delete(token);
    fn(value);
  };
  waiting.set(token, { resolve: settle(resolve), reject: settle(reject), beat });
  beat();
  return promise;
}

function sfnError(res, status, type, message) {
  res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify({ __type: type, message }));
}

const callbacks = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const action = (req.headers['x-amz-target'] || '').replace('AWSStepFunctions.', '');
    let params;
    try {
      params = JSON.parse(body || '{}');
    } catch {
      return sfnError(res, 400, 'SerializationException', 'body is not JSON');
    }
    const entry = waiting.get(params.taskToken);
    if (!entry) {
      return issued.has(params.taskToken)
        ? sfnError(res, 400, 'TaskTimedOut', 'Task Timed Out: the task token is no longer valid')
        : sfnError(res, 400, 'InvalidToken', 'Invalid Token');
    }
    if (action === 'SendTaskHeartbeat') {
      entry.beat();
    } else if (action === 'SendTaskSuccess') {
      let output;
      try {
        output = JSON.parse(params.output);
      } catch {
        return sfnError(res, 400, 'InvalidOutput', 'output is not JSON');
      }
      entry.resolve(output);
    } else if (action === 'SendTaskFailure') {
      entry.reject(namedError(params.error || 'States.TaskFailed', params.cause || ''));
    } else {
      return sfnError(res, 400, 'UnknownOperationException', `not emulated: ${action}`);
    }
    res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
    res.end('{}');
  });
});
await new Promise((resolve) => callbacks.listen(0, '127.0.0.1', resolve));
const stepFunctionsEndpoint = `http://127.0.0.1:${callbacks.address().port}`;
emit({ type: 'Harness.StepFunctionsEndpoint', url: stepFunctionsEndpoint });

// ---- the bridge to the test JVM ----
async function post(path, body) {
  const response = await fetch(request.bridgeUrl + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Step-Functions-Endpoint': stepFunctionsEndpoint },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function lambdaInvoke() {
  return async (input) => {
    const functionName = String(input.FunctionName).split(':function:').pop().split(':')[0];
    const { status, body } = await post(`/lambda/${encodeURIComponent(functionName)}`, input.Payload ?? {});
    if (status !== 200) {
      // As Step Functions reports a function error: the error name is the errorType, the cause its JSON.
      throw namedError(body.errorType, JSON.stringify(body));
    }
    return { ExecutedVersion: '$LATEST', Payload: body, StatusCode: 200 };
  };
}

function lambdaInvokeWaitForToken(state, stateName) {
  const invoke = lambdaInvoke();
  return async (input) => {
    // The token the state's Parameters put in the payload: iterations of a Map run side by side, each with its own.
    const token = input.Payload.taskToken;
    const heartbeatMs = request.heartbeatOverrides?.[stateName] ?? (state.HeartbeatSeconds ?? 99999999) * 1000;
    const settled = awaitToken(token, heartbeatMs);
    try {
      await invoke(input);
    } catch (error) {
      // As Step Functions does: a function error fails the state at once, whatever the token.
      waiting.get(token)?.reject(error);
    }
    return settled;
  };
}

const definition = JSON.parse(substitute(readFileSync(request.definitionPath, 'utf8'), request.substitutions));
const taskResourceLocalHandlers = {};
// The library looks local handlers up by state name, nested states (a Map's iteration) included.
function registerTaskStates(states) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Map') {
      registerTaskStates((state.ItemProcessor ?? state.Iterator).States);
    }
    if (state.Type !== 'Task') continue;
    if (state.Resource === 'arn:aws:states:::lambda:invoke') {
      taskResourceLocalHandlers[name] = lambdaInvoke();
    } else if (state.Resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') {
      taskResourceLocalHandlers[name] = lambdaInvokeWaitForToken(state, name);
    } else {
      throw new Error(`state ${name}: resource ${state.Resource} is not emulated by this harness`);
    }
  }
}
registerTaskStates(definition.States);

const execution = new StateMachine(definition).run(request.input, {
  context,
  overrides: {
    taskResourceLocalHandlers,
    waitTimeOverrides: request.waitTimeOverrides ?? {},
    retryIntervalOverrides: request.retryIntervalOverrides ?? {},
  },
});
// As Step Functions does with an inline Map: any iteration failing fails the Map state, and when the Map state fails
// all its iterations are stopped (docs: "Using Map state in Inline mode", ProcessorConfig). The stopped iterations'
// tasks are closed, so a heartbeat or answer with their tokens is refused with TaskTimedOut ("the task token has either
// expired or the task associated with the token has already been closed"), as it is for every token of an execution
// that has ended. The library aborts the other iterations itself but knows nothing of tokens; the iteration's failure
// is seen here as its MapIterationFailed event. Only Map iterations wait on tokens in this definition.
function expireWaitingTokens() {
  for (const entry of [...waiting.values()]) {
    entry.reject(namedError('States.Aborted', 'the Map state failed'));
  }
}
const events = (async () => {
  for await (const event of execution.eventLogs) {
    if (event.type === 'MapIterationFailed') expireWaitingTokens();
    emit(event);
  }
})();
let result;
try {
  result = { type: 'Harness.Result', status: 'SUCCEEDED', output: await execution.result };
} catch (error) {
  const cause = error.cause ?? error;
  result = { type: 'Harness.Result', status: 'FAILED', error: cause.name, cause: cause.message };
}
await events;
expireWaitingTokens();
// Exit once the result is written, whatever heartbeat timers are left (a token nobody will answer any more). With
// refuseTokensUntilStdinEnds the callback API first goes on refusing the ended execution's tokens, as Step Functions
// does, until the test closes this process's stdin: containers that call only after the result (a sibling shard's,
// still between two heartbeats) are refused by their token, never by a closed port.
function exit() {
  callbacks.close();
  process.exit(0);
}
process.stdout.write(JSON.stringify(result) + '\n', () => {
  if (!request.refuseTokensUntilStdinEnds) {
    exit();
  }
  process.stdin.on('end', exit);
  process.stdin.resume();
});

import { ProblemError, type Problem } from '../../api/client';
import { staffApi } from '../staff-api';
import { readStaffSession } from '../staff-session';

/**
 * Sends a multipart form with upload progress (fetch reports none, so this is XMLHttpRequest).
 * A cheap authenticated call first lets the staff client refresh an expired session, so the
 * upload itself carries a valid token. Answers the JSON body, or throws a ProblemError.
 */
export async function uploadForm<T>(path: string, form: FormData, onProgress: (percent: number) => void): Promise<T> {
  await staffApi.GET('/api/v1/tenant');
  const token = readStaffSession()?.accessToken;
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve(request.response as T);
      const problem = (request.response ?? {}) as Partial<Problem>;
      reject(new ProblemError({ ...problem, status: request.status, code: problem.code ?? `http.${request.status}` }));
    };
    request.onerror = () => reject(new ProblemError({ status: 0, code: 'network', detail: navigator.onLine ? undefined : 'offline' }));
    request.send(form);
  });
}
